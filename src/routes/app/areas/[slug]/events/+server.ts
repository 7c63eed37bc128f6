import { requireArea } from '$lib/server/auth/guard';
import { areaStream } from '$lib/server/realtime/stream';

/** The area's change events as Server-Sent Events, for anyone who can read the area; `?view=` names the page open. */
export async function GET(event) {
	const context = await requireArea(event);
	const root = `/app/areas/${context.area.slug}`;
	const asked = event.url.searchParams.get('view') ?? root;
	const view = asked === root || asked.startsWith(`${root}/`) ? asked.slice(0, 200) : root;
	const last = Number(event.request.headers.get('last-event-id'));
	return new Response(areaStream(context, view, Number.isSafeInteger(last) && last > 0 ? last : null), {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-store',
			// Proxies must pass each event on at once.
			'x-accel-buffering': 'no'
		}
	});
}
