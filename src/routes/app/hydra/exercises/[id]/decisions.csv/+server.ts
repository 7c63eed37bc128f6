import { requireRole } from '$lib/server/auth/guard';
import { exportDecisionLogCsv } from '$lib/server/hydra/exports';
import { notFoundAs404 } from '../guard.server';

/** The exercise's decision log as a spreadsheet, for consultants and admins; cells are safe to open in Excel. */
export async function GET(event) {
	const user = requireRole(event, 'admin', 'consultant');
	const { csv } = await notFoundAs404(exportDecisionLogCsv(user, event.params.id));
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="hydra-decisions-${event.params.id}.csv"`,
			'cache-control': 'no-store'
		}
	});
}
