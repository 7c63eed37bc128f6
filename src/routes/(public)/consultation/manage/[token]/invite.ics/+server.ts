// The lead's invite as a file to open in any calendar: the same event (UID, SEQUENCE) their emails carry.
import { error } from '@sveltejs/kit';
import { findByToken, leadCalendar } from '$lib/server/bookings';

export async function GET({ params }) {
	const found = await findByToken(params.token);
	if (!found || found.booking.status !== 'confirmed') error(404, 'Not found');
	const { ics } = leadCalendar(found.booking, { name: found.consultantName, email: found.consultantEmail }, found.joining, params.token);
	return new Response(ics, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': 'attachment; filename="consultation.ics"',
			'cache-control': 'no-store'
		}
	});
}
