import { error } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { NotFoundError } from '$lib/server/errors';
import { actionPlanPdf } from '$lib/server/pdf/plan';

/**
 * The action plan as a PDF, for anyone who can read the area; `?owner=<actor id>` for one organisation's board, and
 * `?room=<room id>` to carry a workshop room's record.
 */
export async function GET(event) {
	const context = await requireArea(event);
	const owner = event.url.searchParams.get('owner');
	const room = event.url.searchParams.get('room');
	let pdf: Buffer;
	try {
		({ pdf } = await actionPlanPdf(context, { ownerActorId: owner || null, roomId: room || null }));
	} catch (err) {
		// An owner that is not an organisation on this area's map, or a room of another area.
		if (err instanceof NotFoundError) error(404, 'Not found');
		throw err;
	}
	const name = `${context.area.slug}-action-plan${owner ? '-' + owner : ''}.pdf`;
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'no-store'
		}
	});
}
