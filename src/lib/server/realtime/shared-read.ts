// A read that every request for the same thing shares until that thing next changes. Many screens re-load together
// after one change (a room's 80 phones, a workshop's 20 laptops on an area's overview); without this each re-load
// reads the same rows again. A read is dropped when the next change to what it read reaches this instance, by the same
// event that makes the screens re-load, so a re-load after a change never gets the read from before it. A read also
// lasts at most `freshMs`, for what changes beside it and in case an event is lost. Kept only while the instance
// hears every change as it commits; otherwise each request reads for itself.
import { db } from '$lib/server/db';
import { follow, hearsChanges } from './index';

interface Entry<T> {
	read: Promise<T>;
	at: number;
	stop: () => void;
}

export interface SharedReads<A> {
	/** The key that names what `read` reads (a room's id, an area's id). */
	key(arg: A): string;
	/** Calls `drop` on the next change to what `key` names; returns the function that stops following. */
	follow(key: string, drop: () => void): () => void;
	freshMs?: number;
	/** How many keys are kept, the least recently read dropped first. */
	size?: number;
}

/** A function that reads through the shared reads (callers must not change what a read holds). */
export function sharedReads<A, T>(read: (arg: A) => Promise<T>, options: SharedReads<A>) {
	const { freshMs = 10_000, size = 32 } = options;
	// Per database (tests open several in one process), per key.
	const caches = new WeakMap<object, Map<string, Entry<T>>>();
	return (arg: A, now = Date.now()): Promise<T> => {
		if (!hearsChanges()) return read(arg);
		let cache = caches.get(db);
		if (!cache) caches.set(db, (cache = new Map()));
		const key = options.key(arg);
		const found = cache.get(key);
		if (found && now - found.at < freshMs) return found.read;
		found?.stop();
		const entry: Entry<T> = { read: read(arg), at: now, stop: () => {} };
		// Followed in the same turn as the read starts: a change whose event arrives later is dropped with its read,
		// and one whose event came earlier had committed before the read began.
		const entries = cache;
		const drop = () => {
			if (entries.get(key) !== entry) return;
			entries.delete(key);
			entry.stop();
		};
		entry.stop = options.follow(key, drop);
		entry.read.catch(drop);
		cache.delete(key);
		cache.set(key, entry);
		if (cache.size > size) {
			const [oldest, dropped] = cache.entries().next().value!;
			cache.delete(oldest);
			dropped.stop();
		}
		return entry.read;
	};
}

/** Calls `drop` on the next change to the area's data (for `SharedReads.follow`). */
export function onAreaChange(areaId: string, drop: () => void) {
	return follow(areaId, { change: drop, presence: () => {} });
}
