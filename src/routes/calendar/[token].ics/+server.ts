// A consultant's private calendar feed, for a calendar app to subscribe to. Unknown or revoked tokens get 404.
import { error } from '@sveltejs/kit';
import { feedByToken } from '$lib/server/bookings';

export async function GET({ params }) {
	const ics = await feedByToken(params.token);
	if (!ics) error(404, 'Not found');
	return new Response(ics, {
		headers: { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'no-store', 'x-robots-tag': 'noindex' }
	});
}
