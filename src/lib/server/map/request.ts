// The map that the map pages' layout and page loads share within one request: read once, whichever asks first, and
// reused across requests until the map changes (see cache.ts). Each view then returns only what it draws, so no page
// carries the whole map twice (layout data and page data).
import type { AreaContext } from '$lib/server/areas';
import { currentMap, readMap, type MapRead } from './cache';

const loads = new WeakMap<App.Locals, { areaId: string; loaded: Promise<MapRead> }>();

/**
 * The area's map for this request; `locals` lives as long as the request, so nothing outlives it. A form post reads
 * afresh each time: its action may change the map after the area row (and its map version) was read, and the page a
 * browser without JavaScript gets back must show the change.
 */
export function mapOfRequest(event: { locals: App.Locals; request: Request }, context: AreaContext): Promise<MapRead> {
	if (event.request.method !== 'GET' && event.request.method !== 'HEAD') return readMap(context);
	const found = loads.get(event.locals);
	if (found?.areaId === context.area.id) return found.loaded;
	const loaded = currentMap(context);
	loads.set(event.locals, { areaId: context.area.id, loaded });
	return loaded;
}
