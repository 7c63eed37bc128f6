import { error } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { exportRoundCsv } from '$lib/server/models/surveys';
import { NotFoundError } from '$lib/server/errors';

/** A round's responses as a spreadsheet, for anyone who can read the area; cells are safe to open in Excel. */
export async function GET(event) {
	const context = await requireArea(event);
	try {
		const { round, csv } = await exportRoundCsv(context, event.params.round);
		const name = round.label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'round';
		return new Response(csv, {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="${context.area.slug}-survey-${name}.csv"`,
				'cache-control': 'no-store'
			}
		});
	} catch (err) {
		if (err instanceof NotFoundError) error(404, 'Not found');
		throw err;
	}
}
