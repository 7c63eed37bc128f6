// An area's map as pages read it, reused until the map changes. The area row every request already loads carries
// `mapVersion`, which a database trigger renumbers in the transaction of any change to the map's actors, handoffs or
// positions (migration 0032): the same number means the same map, on every instance. So a room of 60 re-loading the
// map after an edit reads it from the database once, not 60 times, and an unchanged map costs no query at all.
// Only reads outside a transaction come from here (a verb reads its own transaction's view with loadMap). What is
// cached is frozen: a page that tried to change it would throw instead of changing every other page's map.
import { db } from '$lib/server/db';
import type { Area } from '$lib/server/db/schema';
import { loadMap, mapDataOf } from './index';

/** What a map read needs of the area: its id, and the map version its row holds. */
export type MapScope = { area: Pick<Area, 'id' | 'mapVersion'> };

const AREAS = 16;

/** The area's map read now, as the cache holds it (frozen). */
export async function readMap(context: { area: Pick<Area, 'id'> }) {
	const rows = await loadMap(context);
	return deepFreeze({ rows, map: mapDataOf(rows), pins: rows.positions });
}

export type MapRead = Awaited<ReturnType<typeof readMap>>;

// Per database (tests open several in one process), per area: the newest version read and its promise.
const caches = new WeakMap<object, Map<string, { version: number; loaded: Promise<MapRead> }>>();

/** The area's map at (at least) the version its area row names. */
export function currentMap(context: MapScope): Promise<MapRead> {
	let cache = caches.get(db);
	if (!cache) caches.set(db, (cache = new Map()));
	const { id, mapVersion } = context.area;
	const found = cache.get(id);
	if (found && found.version === mapVersion) {
		// The most recently used area goes to the back of the queue to be dropped.
		cache.delete(id);
		cache.set(id, found);
		return found.loaded;
	}
	const loaded = readMap(context);
	// A request holding an older area row than the one cached reads for itself and leaves the newer map in place.
	if (found && found.version > mapVersion) return loaded;
	cache.delete(id);
	cache.set(id, { version: mapVersion, loaded });
	loaded.catch(() => {
		if (cache.get(id)?.loaded === loaded) cache.delete(id);
	});
	if (cache.size > AREAS) cache.delete(cache.keys().next().value!);
	return loaded;
}

function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object' && !Object.isFrozen(value) && !(value instanceof Date)) {
		Object.freeze(value);
		for (const inner of Object.values(value)) deepFreeze(inner);
	}
	return value;
}
