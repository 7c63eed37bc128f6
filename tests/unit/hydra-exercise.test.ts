import { describe, expect, it } from 'vitest';
import {
	canDecide,
	canJoin,
	canMove,
	canRelease,
	compareDecisions,
	formatClockTime,
	JOIN_CODE_ALPHABET,
	JOIN_CODE_LENGTH,
	joinCodeFrom,
	nextInject,
	normaliseJoinCode,
	scenarioClock,
	seesInject,
	spacedJoinCode
} from '$lib/domain/hydra/exercise';

describe('join codes', () => {
	it('use only characters nobody confuses across a room', () => {
		for (const lookalike of ['0', 'O', '1', 'I', 'L', '5', 'S', '2', 'Z', '8', 'B']) expect(JOIN_CODE_ALPHABET).not.toContain(lookalike);
	});

	it('are six characters of the alphabet, each equally likely (bytes past the last whole cycle are skipped)', () => {
		const bytes = [255, 0, 1, 25, 3, 4, 24];
		let call = 0;
		const code = joinCodeFrom((n) => new Uint8Array(n).map(() => bytes[call++ % bytes.length]));
		// 255 lies past 250 (ten whole cycles of 25) and is skipped; 25 wraps round to the first character.
		expect(code).toBe('ACAEF9');
		expect(code).toHaveLength(JOIN_CODE_LENGTH);
		const random = joinCodeFrom((n) => crypto.getRandomValues(new Uint8Array(n)));
		expect([...random].every((c) => JOIN_CODE_ALPHABET.includes(c))).toBe(true);
	});

	it('are read the way people type them: any case, spaces and dashes; anything else is not a code', () => {
		expect(normaliseJoinCode(' acd-efg ')).toBe('ACDEFG');
		expect(normaliseJoinCode('ACD EFG')).toBe('ACDEFG');
		expect(normaliseJoinCode('ACDEF')).toBeNull();
		expect(normaliseJoinCode('ACDEF0')).toBeNull();
		expect(normaliseJoinCode('')).toBeNull();
		expect(spacedJoinCode('ACDEFG')).toBe('ACD EFG');
	});
});

describe('what control and syndicates may do', () => {
	it('moves between states only along the allowed paths', () => {
		expect(canMove('ready', 'start')).toBe(true);
		expect(canMove('running', 'start')).toBe(false);
		expect(canMove('running', 'pause')).toBe(true);
		expect(canMove('paused', 'pause')).toBe(false);
		expect(canMove('paused', 'resume')).toBe(true);
		expect(canMove('running', 'resume')).toBe(false);
		expect(canMove('paused', 'end')).toBe(true);
		expect(canMove('ended', 'end')).toBe(false);
	});

	it('releases only while running; takes decisions while running or paused; joins until the end', () => {
		expect(['ready', 'running', 'paused', 'ended'].map((s) => canRelease(s as never))).toEqual([false, true, false, false]);
		expect(['ready', 'running', 'paused', 'ended'].map((s) => canDecide(s as never))).toEqual([false, true, true, false]);
		expect(['ready', 'running', 'paused', 'ended'].map((s) => canJoin(s as never))).toEqual([true, true, true, false]);
	});

	it('sends an inject with no audience to everyone, and one with an audience to those agencies only', () => {
		expect(seesInject([], 'police')).toBe(true);
		expect(seesInject(['police'], 'police')).toBe(true);
		expect(seesInject(['childrens_services', 'education'], 'police')).toBe(false);
	});
});

describe('the scenario clock and the next inject', () => {
	const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 9, minute));

	it('shows the scenario time of the inject released last, also when released out of order', () => {
		expect(scenarioClock([])).toBeNull();
		const releases = [
			{ scenarioTime: 'Day 1, 22:40', releasedAt: at(0) },
			{ scenarioTime: 'Day 2, 15:10', releasedAt: at(20) },
			{ scenarioTime: 'Day 1, 23:55', releasedAt: at(10) }
		];
		expect(scenarioClock(releases)).toBe('Day 2, 15:10');
		// As it stood when something was written at 09:15.
		expect(scenarioClock(releases, at(15))).toBe('Day 1, 23:55');
	});

	it('offers the first inject in the scenario’s order not yet released', () => {
		const injects = [{ id: 'c', position: 3 }, { id: 'a', position: 1 }, { id: 'b', position: 2 }];
		expect(nextInject(injects, [])?.id).toBe('a');
		expect(nextInject(injects, ['a', 'c'])?.id).toBe('b');
		expect(nextInject(injects, ['a', 'b', 'c'])).toBeNull();
	});

	it('shows the time a decision was written in UK time, summer and winter', () => {
		expect(formatClockTime(new Date('2026-07-01T13:05:00Z'))).toBe('14:05');
		expect(formatClockTime(new Date('2026-12-01T13:05:00Z'))).toBe('13:05');
	});
});

describe('the plenary comparison', () => {
	it('has a row per released inject in release order, a cell per syndicate, and marks injects a syndicate never saw', () => {
		const injects = [
			{ id: 'i1', audience: [] as never[] },
			{ id: 'i2', audience: ['police' as const] }
		];
		const syndicates = [
			{ id: 's1', agency: 'police' as const },
			{ id: 's2', agency: 'health' as const }
		];
		const decisions = [
			{ id: 'd2', syndicateId: 's1', injectId: 'i1', createdAt: new Date(2000) },
			{ id: 'd1', syndicateId: 's1', injectId: 'i1', createdAt: new Date(1000) },
			{ id: 'd3', syndicateId: 's2', injectId: 'i1', createdAt: new Date(1500) }
		];
		const rows = compareDecisions(injects, syndicates, decisions);
		expect(rows.map((r) => r.inject.id)).toEqual(['i1', 'i2']);
		expect(rows[0].cells.map((c) => c.decisions.map((d) => d.id))).toEqual([['d1', 'd2'], ['d3']]);
		expect(rows[1].cells.map((c) => c.sawIt)).toEqual([true, false]);
	});
});
