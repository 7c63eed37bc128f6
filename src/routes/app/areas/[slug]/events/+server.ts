import { requireArea, sessionRecheck } from '$lib/server/auth/guard';
import { loadAreaContext } from '$lib/server/areas';
import { areaStream, STREAM_HEADERS } from '$lib/server/realtime/stream';

/** The area's change events as Server-Sent Events, for anyone who can read the area; `?view=` names the page open. */
export async function GET(event) {
	const context = await requireArea(event);
	const root = `/app/areas/${context.area.slug}`;
	const asked = event.url.searchParams.get('view') ?? root;
	const view = asked === root || asked.startsWith(`${root}/`) ? asked.slice(0, 200) : root;
	const last = Number(event.request.headers.get('last-event-id'));
	// A signed-out, disabled or removed member stops hearing the area while the tab is still open.
	const signedIn = sessionRecheck(event);
	const stillAllowed = async () => {
		const user = await signedIn();
		return user !== null && (await loadAreaContext(user, context.area.slug, 'viewer')) !== null;
	};
	return new Response(areaStream(context, view, Number.isSafeInteger(last) && last > 0 ? last : null, stillAllowed), { headers: STREAM_HEADERS });
}
