import { requireArea } from '$lib/server/auth/guard';
import { sessionCookieName, validateSessionToken } from '$lib/server/auth/session';
import { loadAreaContext } from '$lib/server/areas';
import { areaStream } from '$lib/server/realtime/stream';

/** The area's change events as Server-Sent Events, for anyone who can read the area; `?view=` names the page open. */
export async function GET(event) {
	const context = await requireArea(event);
	const root = `/app/areas/${context.area.slug}`;
	const asked = event.url.searchParams.get('view') ?? root;
	const view = asked === root || asked.startsWith(`${root}/`) ? asked.slice(0, 200) : root;
	const last = Number(event.request.headers.get('last-event-id'));
	// A signed-out, disabled or removed member stops hearing the area while the tab is still open.
	const token = event.cookies.get(sessionCookieName(event.url)) ?? '';
	const stillAllowed = async () => {
		const signedIn = await validateSessionToken(token);
		return signedIn !== null && (await loadAreaContext(signedIn.user, context.area.slug, 'viewer')) !== null;
	};
	return new Response(areaStream(context, view, Number.isSafeInteger(last) && last > 0 ? last : null, stillAllowed), {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-store',
			// Proxies must pass each event on at once.
			'x-accel-buffering': 'no'
		}
	});
}
