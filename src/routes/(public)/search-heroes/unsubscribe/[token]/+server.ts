// RFC 8058 one-click unsubscribe: mail providers POST `List-Unsubscribe=One-Click` here from their own servers, with
// no Origin header and no cookies. src/lib/server/csrf.ts lets exactly this path take such posts. The token alone
// names the subscription, so a forged post can only unsubscribe someone whose secret link the sender already holds.
import { redirect, text } from '@sveltejs/kit';
import { unsubscribe } from '$lib/server/heroes';

export async function POST({ params }) {
	const done = await unsubscribe(params.token);
	// A used or expired link is a plain 404: mail providers need no more than the status.
	return text(done ? 'You have been unsubscribed.' : 'This link has expired.', {
		status: done ? 200 : 404,
		headers: { 'cache-control': 'no-store' }
	});
}

// Someone who opens the address in a browser gets the preferences page, where unsubscribing is one button.
export function GET({ params }) {
	redirect(303, `/search-heroes/preferences/${params.token}`);
}
