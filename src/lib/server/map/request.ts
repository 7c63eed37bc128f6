// The map that the map pages' layout and page loads share within one request: loaded once, whichever asks first.
// Each view then returns only what it draws, so no page carries the whole map twice (layout data and page data).
import { loadMap, mapDataOf } from '$lib/server/map';
import type { AreaContext } from '$lib/server/areas';

type Loaded = ReturnType<typeof load>;
const loads = new WeakMap<App.Locals, { areaId: string; loaded: Loaded }>();

async function load(context: AreaContext) {
	const rows = await loadMap(context);
	return { rows, map: mapDataOf(rows), pins: rows.positions };
}

/** The area's map for this request; `locals` lives as long as the request, so nothing outlives it. */
export function mapOfRequest(event: { locals: App.Locals }, context: AreaContext): Loaded {
	const found = loads.get(event.locals);
	if (found?.areaId === context.area.id) return found.loaded;
	const loaded = load(context);
	loads.set(event.locals, { areaId: context.area.id, loaded });
	return loaded;
}
