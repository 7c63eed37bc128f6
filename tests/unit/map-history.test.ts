import { describe, expect, it } from 'vitest';
import {
	labelOf,
	nextRedo,
	nextUndo,
	pushPlan,
	sameContent,
	stepsFor,
	stepsToRestore,
	stillAsLeft,
	type ActorState,
	type Step
} from '$lib/domain/map/history';

const e = (id: string, seq: number, undone = false) => ({ id, seq, undone });
const state = (name: string, version = 1): ActorState => ({ name, sector: 'police', kind: 'organisation', audience: 'both', description: '', version });

describe('the undo stack', () => {
	it('undoes the newest edit not undone, and redoes the one undone last', () => {
		const entries = [e('a', 1), e('b', 2), e('c', 3, true), e('d', 4, true)];
		expect(nextUndo(entries)?.id).toBe('b');
		expect(nextRedo(entries)?.id).toBe('c');
		expect(nextUndo([])).toBeNull();
		expect(nextRedo([e('a', 1)])).toBeNull();
	});
	it('a new edit goes on top and drops every undone edit (no redo after a new edit)', () => {
		expect(pushPlan([e('a', 1), e('b', 2, true), e('c', 3, true)])).toEqual({ seq: 4, drop: ['b', 'c'] });
		expect(pushPlan([])).toEqual({ seq: 1, drop: [] });
	});
	it('keeps at most the limit, dropping the oldest', () => {
		const entries = Array.from({ length: 25 }, (_, i) => e(`e${i + 1}`, i + 1));
		const plan = pushPlan(entries, 20);
		expect(plan.seq).toBe(26);
		// 19 kept plus the new one make 20.
		expect(plan.drop.sort()).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6'].sort());
	});
	it('undo carries the steps back last first; redo forward in order', () => {
		const steps: Step[] = [
			{ entity: 'handoff', id: 'h', before: null, after: null },
			{ entity: 'actor', id: 'a', before: state('A'), after: null }
		];
		expect(stepsFor(steps, 'undo').map((m) => [m.step.id, m.from, m.to])).toEqual([
			['a', null, state('A')],
			['h', null, null]
		]);
		expect(stepsFor(steps, 'redo').map((m) => m.step.id)).toEqual(['h', 'a']);
	});
});

describe('whether a record is still as the edit left it', () => {
	it('accepts the version the edit left, or the same values under a newer version', () => {
		expect(stillAsLeft(state('A', 2), state('A', 2))).toBe(true);
		expect(stillAsLeft(state('A', 5), state('A', 2))).toBe(true);
	});
	it('refuses a record someone changed since, or one that came or went', () => {
		expect(stillAsLeft(state('B', 3), state('A', 2))).toBe(false);
		expect(stillAsLeft(null, state('A', 2))).toBe(false);
		expect(stillAsLeft(state('A', 1), null)).toBe(false);
		expect(stillAsLeft(null, null)).toBe(true);
	});
	it('compares positions by place', () => {
		expect(stillAsLeft({ x: 1, y: 2 }, { x: 1, y: 2 })).toBe(true);
		expect(stillAsLeft({ x: 1, y: 3 }, { x: 1, y: 2 })).toBe(false);
		expect(sameContent({ x: 1, y: 2 }, null)).toBe(false);
	});
});

describe('what an edit is called', () => {
	it('names the actor or handoff and what happened to it', () => {
		expect(labelOf([{ entity: 'actor', id: 'a', before: null, after: state('Youth club') }, { entity: 'position', id: 'a', before: null, after: { x: 1, y: 1 } }])).toBe(
			'add actor ‘Youth club’'
		);
		expect(labelOf([{ entity: 'actor', id: 'a', before: state('A'), after: state('B') }])).toBe('edit actor ‘B’');
		expect(labelOf([{ entity: 'position', id: 'a', before: null, after: { x: 1, y: 1 } }], { a: 'Police' })).toBe('move ‘Police’');
		expect(labelOf([{ entity: 'position', id: 'a', before: { x: 1, y: 1 }, after: null }], { a: 'Police' })).toBe('unpin ‘Police’');
	});
});

describe('the steps of a restore', () => {
	const actor = (id: string, name: string, version = 1) => ({ id, ...state(name, version) });
	const h = (id: string, from: string, to: string, label: string) => ({
		id, fromActorId: from, toActorId: to, label, stage: 'during' as const, passes: 'information' as const, trigger: '', standard: '',
		audience: 'both' as const, rating: 'patchy' as const, evidence: '', notes: '', isGap: false
	});
	it('removes what the snapshot lacks first, then changes and adds actors, then handoffs', () => {
		const { version: _v, ...police } = actor('a', 'Police');
		const { version: _w, ...school } = actor('c', 'School');
		const steps = stepsToRestore(
			{ actors: [actor('a', 'Police force', 4), actor('b', 'Youth club')], handoffs: [{ ...h('x', 'a', 'b', 'Referral'), version: 1 }], positions: [{ actorId: 'b', x: 5, y: 6 }] },
			{ actors: [police, school], handoffs: [h('y', 'a', 'c', 'Notification')] }
		);
		expect(steps.map((s) => `${s.entity} ${s.id} ${!s.before ? 'add' : !s.after ? 'remove' : 'change'}`)).toEqual([
			'handoff x remove',
			'position b remove',
			'actor b remove',
			'actor a change',
			'actor c add',
			'handoff y add'
		]);
	});
	it('is empty when the map already is the snapshot', () => {
		const { version: _v, ...police } = actor('a', 'Police');
		expect(stepsToRestore({ actors: [actor('a', 'Police', 7)], handoffs: [], positions: [] }, { actors: [police], handoffs: [] })).toEqual([]);
	});
});
