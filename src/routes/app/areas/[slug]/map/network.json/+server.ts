// What the network view draws, apart from the page's data: the same text for every screen until the map changes
// (see drawnNetworkJson). The map page's universal load fetches it; the area's guard applies as to the page.
import { requireArea } from '$lib/server/auth/guard';
import { mapOfRequest } from '$lib/server/map/request';
import { drawnNetworkJson } from '$lib/server/map/layout';

export async function GET(event) {
	const context = await requireArea(event);
	const read = await mapOfRequest(event, context);
	return new Response(drawnNetworkJson(read), { headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
}
