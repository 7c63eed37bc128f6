import { error } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { NotFoundError } from '$lib/server/errors';
import { versionPdf } from '$lib/server/plan/versions';

/** An issued version's PDF, byte for byte as it was issued, for anyone who can read the area. */
export async function GET(event) {
	const context = await requireArea(event);
	const number = Number(event.params.number);
	if (!Number.isInteger(number) || number < 1) error(404, 'Not found');
	let pdf: Buffer;
	try {
		pdf = await versionPdf(context, number);
	} catch (err) {
		if (err instanceof NotFoundError) error(404, 'Not found');
		throw err;
	}
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${context.area.slug}-action-plan-version-${number}.pdf"`,
			'cache-control': 'no-store'
		}
	});
}
