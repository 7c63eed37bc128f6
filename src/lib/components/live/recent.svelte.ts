// Who changed what a moment ago, as the area's event stream tells this tab: fields and forms name the person whose
// change they are showing ("removed by Priya North").
import { SvelteMap } from 'svelte/reactivity';

export interface RecentChange {
	action: string;
	by: string | null;
	version: number | null;
}

const recent = new SvelteMap<string, RecentChange>();
const KEEP = 500;

/** Notes a change to a record (by its id), newest last; only the latest few hundred are kept. */
export function remember(entityId: string, change: RecentChange) {
	recent.delete(entityId);
	recent.set(entityId, change);
	if (recent.size > KEEP) recent.delete(recent.keys().next().value!);
}

/** The latest change this tab heard of to a record, if any. */
export function recentChange(entityId: string | null | undefined): RecentChange | undefined {
	return entityId ? recent.get(entityId) : undefined;
}
