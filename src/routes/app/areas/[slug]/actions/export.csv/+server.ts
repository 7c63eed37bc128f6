import { requireArea } from '$lib/server/auth/guard';
import { exportActionsCsv } from '$lib/server/actions/csv';

/** The action plan as a spreadsheet, for anyone who can read the area; cells are safe to open in Excel. */
export async function GET(event) {
	const context = await requireArea(event);
	return new Response(await exportActionsCsv(context), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${context.area.slug}-actions.csv"`,
			'cache-control': 'no-store'
		}
	});
}
