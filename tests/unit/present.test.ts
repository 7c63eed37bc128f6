import { describe, expect, it } from 'vitest';
import { applyTimer, clock, deckOf, followsNotes, isSlideKey, remainingMs, slideAt, stepFrom, stepOfKey } from '$lib/domain/present';

const deck = deckOf({ votes: [{ id: 'v1', question: 'Fix first?' }], rounds: [{ id: 'r1', label: 'Workshop 1' }], hasToc: true });

describe('the deck', () => {
	it('runs through the five stages, then revealed votes, survey rounds and the theory of change', () => {
		expect(deck.map((s) => s.key)).toEqual(['stage:before', 'stage:during', 'stage:return', 'stage:after', 'stage:repeat', 'vote:v1', 'survey:r1', 'toc']);
		expect(deck.map((s) => s.title)).toEqual(['Before', 'During', 'Return', 'After', 'Repeat', 'Fix first?', 'Workshop 1', 'Theory of change']);
		expect(deckOf({ votes: [], rounds: [], hasToc: false })).toHaveLength(5);
	});

	it('ends with a workshop room’s notes when a room has notes to show', () => {
		const withNotes = deckOf({ votes: [], rounds: [], hasToc: true, notesRoom: { id: 'room1', title: 'Workshop 3' } });
		expect(withNotes.slice(-2).map((s) => [s.key, s.title])).toEqual([
			['toc', 'Theory of change'],
			['notes:room1', 'The room’s notes: Workshop 3']
		]);
		expect(deckOf({ votes: [], rounds: [], hasToc: false, notesRoom: null }).some((s) => s.kind === 'notes')).toBe(false);
	});

	it('steps within the deck and falls back to the first slide for one that has gone', () => {
		expect(stepFrom(deck, 'stage:before', -1)).toBe('stage:before');
		expect(stepFrom(deck, 'stage:repeat', 1)).toBe('vote:v1');
		expect(stepFrom(deck, 'toc', 1)).toBe('toc');
		expect(stepFrom(deck, 'vote:gone', 1)).toBe('stage:during');
		expect(slideAt(deck, 'vote:gone').key).toBe('stage:before');
		expect(slideAt(deck, 'survey:r1').title).toBe('Workshop 1');
	});

	it('accepts only slide keys of a known shape', () => {
		for (const key of ['stage:before', 'stage:repeat', 'vote:abc_-1', 'survey:X', 'toc', 'notes:room1']) expect(isSlideKey(key)).toBe(true);
		for (const key of ['stage:never', 'vote:', 'vote:a b', 'toc:1', '<script>', 'survey:' + 'x'.repeat(65)]) expect(isSlideKey(key)).toBe(false);
	});

	it('reads arrows, PageUp/PageDown (a clicker) and Space as steps', () => {
		expect(['ArrowRight', 'ArrowDown', 'PageDown', ' '].map(stepOfKey)).toEqual([1, 1, 1, 1]);
		expect(['ArrowLeft', 'ArrowUp', 'PageUp'].map(stepOfKey)).toEqual([-1, -1, -1]);
		expect(['Escape', 'Enter', 'a'].map(stepOfKey)).toEqual([null, null, null]);
	});
});

describe('following the room’s notes', () => {
	const deck = [{ kind: 'stage' }, { kind: 'notes' }];
	it('happens while the notes are on screen, or before the deck has a notes slide, and not otherwise', () => {
		expect(followsNotes({ slide: { kind: 'notes' }, deck })).toBe(true);
		expect(followsNotes({ slide: { kind: 'stage' }, deck: [{ kind: 'stage' }] })).toBe(true);
		expect(followsNotes({ slide: { kind: 'stage' }, deck })).toBe(false);
	});
});

describe('the timer', () => {
	const t0 = new Date('2026-12-05T10:00:00Z');
	const at = (s: number) => new Date(t0.getTime() + s * 1000);

	it('counts down while running, holds while paused, and stops at zero', () => {
		let timer = applyTimer({ seconds: 300, usedMs: 0, startedAt: null }, 'start', t0);
		expect(remainingMs(timer, at(60).getTime())).toBe(240_000);
		timer = applyTimer(timer, 'pause', at(60));
		expect(timer).toEqual({ seconds: 300, usedMs: 60_000, startedAt: null });
		expect(remainingMs(timer, at(600).getTime())).toBe(240_000);
		timer = applyTimer(timer, 'start', at(600));
		expect(applyTimer(timer, 'start', at(601))).toBe(timer);
		expect(remainingMs(timer, at(900).getTime())).toBe(0);
		const done = applyTimer(timer, 'pause', at(9000));
		expect(done.usedMs).toBe(300_000);
		expect(applyTimer(done, 'start', at(9001))).toBe(done);
	});

	it('resets to a new length', () => {
		expect(applyTimer({ seconds: 300, usedMs: 5000, startedAt: t0 }, 'reset', at(10), 600)).toEqual({ seconds: 600, usedMs: 0, startedAt: null });
		expect(applyTimer({ seconds: 300, usedMs: 5000, startedAt: null }, 'reset', at(10))).toEqual({ seconds: 300, usedMs: 0, startedAt: null });
	});

	it('shows minutes and seconds, rounded up so 0:00 means done', () => {
		expect([600_000, 59_001, 1, 0, 3_720_000].map(clock)).toEqual(['10:00', '1:00', '0:01', '0:00', '1:02:00']);
	});
});
