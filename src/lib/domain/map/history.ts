// Undo and redo of a person's own map edits: what an edit records (each record's state before and after), the rules of
// the stack (a new edit drops what was undone; only the newest steps are kept), and when a record may be put back (only
// while it is still as the edit left it, so that someone else's later change is never overwritten).
import type { ActorData, HandoffData } from './types';

/** How many of a person's edits in one area can be undone. */
export const HISTORY_LIMIT = 30;

export type ActorState = Omit<ActorData, 'id'> & { version: number };
export type HandoffState = Omit<HandoffData, 'id'> & { version: number };
export type PositionState = { x: number; y: number };

/** One record's change: absent before (added) or after (removed), or its fields before and after. */
export type Step =
	| { entity: 'actor'; id: string; before: ActorState | null; after: ActorState | null }
	| { entity: 'handoff'; id: string; before: HandoffState | null; after: HandoffState | null }
	| { entity: 'position'; id: string; before: PositionState | null; after: PositionState | null };

export type Direction = 'undo' | 'redo';

/** An entry of the stack as the rules need it. */
export interface StackEntry {
	id: string;
	seq: number;
	undone: boolean;
}

/** The edit that Undo takes back: the newest one not undone. */
export function nextUndo<T extends StackEntry>(entries: T[]): T | null {
	return entries.filter((e) => !e.undone).reduce<T | null>((best, e) => (!best || e.seq > best.seq ? e : best), null);
}

/** The edit that Redo puts back: the one undone last, which is the oldest of those undone. */
export function nextRedo<T extends StackEntry>(entries: T[]): T | null {
	return entries.filter((e) => e.undone).reduce<T | null>((best, e) => (!best || e.seq < best.seq ? e : best), null);
}

/**
 * A new edit: what was undone can no longer be redone (the edits branch off), and beyond the limit the oldest go.
 * Returns the new entry's position and the ids to drop.
 */
export function pushPlan(entries: StackEntry[], limit = HISTORY_LIMIT): { seq: number; drop: string[] } {
	const kept = entries.filter((e) => !e.undone).sort((a, b) => b.seq - a.seq);
	const drop = [...entries.filter((e) => e.undone), ...kept.slice(limit - 1)].map((e) => e.id);
	return { seq: entries.reduce((max, e) => Math.max(max, e.seq), 0) + 1, drop };
}

/** The steps in the order they are carried out, each as a change from one state to another. */
export function stepsFor(steps: Step[], direction: Direction) {
	const ordered = direction === 'undo' ? [...steps].reverse() : steps;
	return ordered.map((step) => ({
		step,
		from: direction === 'undo' ? step.after : step.before,
		to: direction === 'undo' ? step.before : step.after
	}));
}

type State = ActorState | HandoffState | PositionState;

/** Whether two states of a record hold the same values (the version aside). */
export function sameContent(a: State | null, b: State | null): boolean {
	if (!a || !b) return a === b;
	const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => k !== 'version'));
	return [...keys].every((k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k]);
}

/**
 * Whether a record as it is now is the state that an undo or redo starts from: absent when it should be absent; the
 * version the edit left, or (after the person's own later edits were undone) the same values under a newer version.
 */
export function stillAsLeft(current: State | null, expected: State | null): boolean {
	if (!current || !expected) return current === expected;
	if ('version' in expected && 'version' in current && current.version === expected.version) return true;
	return sameContent(current, expected);
}

const quoted = (text: string) => `‘${text}’`;

/** What an edit was, in words: "add actor ‘Youth club’", for the Undo and Redo buttons. */
export function labelOf(steps: Step[], names: Record<string, string> = {}): string {
	const main = steps.find((s) => s.entity === 'actor') ?? steps.find((s) => s.entity === 'handoff') ?? steps[0];
	if (!main) return 'nothing';
	const verb = !main.before ? 'add' : !main.after ? 'remove' : 'edit';
	if (main.entity === 'actor') {
		const name = (main.after ?? main.before)!.name;
		const handoffs = steps.filter((s) => s.entity === 'handoff').length;
		return `${verb} actor ${quoted(name)}${verb === 'remove' && handoffs ? ` and ${handoffs} ${handoffs === 1 ? 'handoff' : 'handoffs'}` : ''}`;
	}
	if (main.entity === 'handoff') return `${verb} handoff ${quoted((main.after ?? main.before)!.label)}`;
	const name = names[main.id] ?? 'an actor';
	return main.after ? `move ${quoted(name)}` : `unpin ${quoted(name)}`;
}

/** The map as it is now, with each record's version and the pinned positions. */
export interface VersionedMap {
	actors: (ActorData & { version: number })[];
	handoffs: (HandoffData & { version: number })[];
	positions: { actorId: string; x: number; y: number }[];
}

/**
 * The steps that make the map `target` (a snapshot): handoffs and actors it lacks go first (with the positions of the
 * actors going), then actors are changed and added, then handoffs, so that every handoff's ends exist when it is
 * written. Restored actors are placed by the layout.
 */
export function stepsToRestore(now: VersionedMap, target: { actors: ActorData[]; handoffs: HandoffData[] }): Step[] {
	const wanted = { actors: new Map(target.actors.map((a) => [a.id, a])), handoffs: new Map(target.handoffs.map((h) => [h.id, h])) };
	const present = { actors: new Map(now.actors.map((a) => [a.id, a])), handoffs: new Map(now.handoffs.map((h) => [h.id, h])) };
	const state = <T extends { id: string }>({ id: _, ...rest }: T) => rest;
	const steps: Step[] = [];
	for (const h of now.handoffs) if (!wanted.handoffs.has(h.id)) steps.push({ entity: 'handoff', id: h.id, before: state(h), after: null });
	for (const p of now.positions)
		if (!wanted.actors.has(p.actorId)) steps.push({ entity: 'position', id: p.actorId, before: { x: p.x, y: p.y }, after: null });
	for (const a of now.actors) if (!wanted.actors.has(a.id)) steps.push({ entity: 'actor', id: a.id, before: state(a), after: null });
	for (const a of target.actors) {
		const was = present.actors.get(a.id);
		const after = { ...state(a), version: 0 };
		if (!was) steps.push({ entity: 'actor', id: a.id, before: null, after });
		else if (!sameContent(state(was), after)) steps.push({ entity: 'actor', id: a.id, before: state(was), after: { ...after, version: was.version } });
	}
	for (const h of target.handoffs) {
		const was = present.handoffs.get(h.id);
		const after = { ...state(h), version: 0 };
		if (!was) steps.push({ entity: 'handoff', id: h.id, before: null, after });
		else if (!sameContent(state(was), after)) steps.push({ entity: 'handoff', id: h.id, before: state(was), after: { ...after, version: was.version } });
	}
	return steps;
}
