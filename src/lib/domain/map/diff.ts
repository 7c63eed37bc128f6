// Differences between two states of a map (two snapshots, or a snapshot and the map now), matched by id.
import { ACTOR_FIELDS, HANDOFF_FIELDS, type ActorData, type HandoffData, type MapData } from './types';

export interface Change<T> {
	before: T;
	after: T;
	/** The fields whose values differ. */
	fields: string[];
}

export interface MapDiff {
	actors: { added: ActorData[]; removed: ActorData[]; changed: Change<ActorData>[] };
	handoffs: { added: HandoffData[]; removed: HandoffData[]; changed: Change<HandoffData>[] };
}

function diffList<T extends { id: string }>(before: T[], after: T[], fields: readonly (keyof T & string)[]) {
	const old = new Map(before.map((x) => [x.id, x]));
	const now = new Map(after.map((x) => [x.id, x]));
	const added = after.filter((x) => !old.has(x.id));
	const removed = before.filter((x) => !now.has(x.id));
	const changed: Change<T>[] = [];
	for (const x of after) {
		const was = old.get(x.id);
		if (!was) continue;
		const differing = fields.filter((f) => was[f] !== x[f]);
		if (differing.length) changed.push({ before: was, after: x, fields: differing });
	}
	return { added, removed, changed };
}

export function diffMaps(before: MapData, after: MapData): MapDiff {
	return {
		actors: diffList(before.actors, after.actors, ACTOR_FIELDS),
		handoffs: diffList(before.handoffs, after.handoffs, HANDOFF_FIELDS)
	};
}

export function diffIsEmpty(diff: MapDiff): boolean {
	return [diff.actors, diff.handoffs].every((d) => !d.added.length && !d.removed.length && !d.changed.length);
}

/** How each id of the later map stands against the earlier one, for highlighting the network. */
export function diffMarks(diff: MapDiff): Map<string, 'added' | 'changed'> {
	const marks = new Map<string, 'added' | 'changed'>();
	for (const x of [...diff.actors.added, ...diff.handoffs.added]) marks.set(x.id, 'added');
	for (const c of [...diff.actors.changed, ...diff.handoffs.changed]) marks.set(c.after.id, 'changed');
	return marks;
}

/** How many actors and handoffs a change adds, removes and changes: what a restore's confirmation says. */
export function countsOf(diff: MapDiff) {
	const count = (d: MapDiff['actors'] | MapDiff['handoffs']) => ({ added: d.added.length, removed: d.removed.length, changed: d.changed.length });
	return { actors: count(diff.actors), handoffs: count(diff.handoffs) };
}
