import { error } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { NotFoundError } from '$lib/server/errors';
import { debriefPdf } from '$lib/server/pdf/debrief';

/** An exercise's debrief as a PDF, for consultants and admins. */
export async function GET(event) {
	const user = requireRole(event, 'admin', 'consultant');
	// ?copy=facilitator adds observers' notes; anything else is the participants' copy, which never holds them.
	const copy = event.url.searchParams.get('copy') === 'facilitator' ? 'facilitator' : 'participants';
	let pdf: Buffer;
	try {
		({ pdf } = await debriefPdf(user, event.params.id, { copy }));
	} catch (err) {
		if (err instanceof NotFoundError) error(404, 'Not found');
		throw err;
	}
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="hydra-debrief-${event.params.id}${copy === 'facilitator' ? '-facilitator' : ''}.pdf"`,
			'cache-control': 'no-store'
		}
	});
}
