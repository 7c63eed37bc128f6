// What the network view draws, apart from the page's data: the same text for every screen until the map changes (see
// drawnNetworkOf), fetched by the map page's load (see +page.ts). A screen re-loading an unchanged map (a filter, a
// change elsewhere in the area) is answered "not modified". The area's guard applies as to the page.
import { requireArea } from '$lib/server/auth/guard';
import { mapOfRequest } from '$lib/server/map/request';
import { drawnNetworkOf } from '$lib/server/map/layout';

export async function GET(event) {
	const context = await requireArea(event);
	const { json, etag } = drawnNetworkOf(await mapOfRequest(event, context));
	const headers = { etag, 'cache-control': 'private, no-cache' };
	if (event.request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
	return new Response(json, { headers: { ...headers, 'content-type': 'application/json; charset=utf-8' } });
}
