import { describe, expect, it } from 'vitest';
import { clockAfterMove, clockQueue, elapsedMs, formatDuration, formatOffset, isDue, MAX_OFFSET_SECONDS, parseOffset, roomClock } from '$lib/domain/hydra/clock';
import { messageProblem, MESSAGE_MAX } from '$lib/domain/hydra/messages';
import { sessionWhen } from '$lib/domain/hydra/events';

describe('an inject’s time after the start', () => {
	it('reads minutes and seconds, or hours too, and nothing as “by hand only”', () => {
		expect(parseOffset('')).toEqual({ ok: true, seconds: null });
		expect(parseOffset('  ')).toEqual({ ok: true, seconds: null });
		expect(parseOffset('0:00')).toEqual({ ok: true, seconds: 0 });
		expect(parseOffset('0:05')).toEqual({ ok: true, seconds: 5 });
		expect(parseOffset('12:30')).toEqual({ ok: true, seconds: 750 });
		expect(parseOffset('90:00')).toEqual({ ok: true, seconds: 5400 });
		expect(parseOffset('1:15:00')).toEqual({ ok: true, seconds: 4500 });
		expect(parseOffset('8:00:00')).toEqual({ ok: true, seconds: MAX_OFFSET_SECONDS });
	});

	it('refuses a time before the start, past the longest day, or in another shape, each saying why', () => {
		expect(parseOffset('-0:05')).toEqual({ ok: false, message: expect.stringMatching(/cannot go out before the start/) });
		expect(parseOffset('8:00:01')).toEqual({ ok: false, message: 'An inject can go out at most 8:00:00 after the start.' });
		expect(parseOffset('600:00')).toEqual({ ok: false, message: 'An inject can go out at most 8:00:00 after the start.' });
		for (const bad of ['5', '12.30', '1:75', '1:60:00', 'ten minutes', '1:2', '1:00:00:00'])
			expect(parseOffset(bad), bad).toEqual({ ok: false, message: expect.stringMatching(/like 12:30/) });
	});

	it('is written back the way it is read', () => {
		for (const s of [0, 5, 750, 4500, MAX_OFFSET_SECONDS]) expect(parseOffset(formatOffset(s))).toEqual({ ok: true, seconds: s });
		expect(formatOffset(null)).toBe('');
		expect(formatDuration(65_999)).toBe('1:05');
		expect(formatDuration(3_723_000)).toBe('1:02:03');
	});
});

describe('the room clock', () => {
	const t = (s: number) => new Date(Date.UTC(2027, 2, 28, 0, 59, 0) + s * 1000);

	it('counts only the time the exercise ran: a pause stops it, a resume carries on from there', () => {
		let clock = clockAfterMove({ clockElapsedMs: 0, clockSince: null }, 'start', t(0));
		expect(elapsedMs(clock, t(10))).toBe(10_000);
		clock = clockAfterMove(clock, 'pause', t(10));
		expect(clock).toEqual({ clockElapsedMs: 10_000, clockSince: null });
		expect(elapsedMs(clock, t(100))).toBe(10_000);
		clock = clockAfterMove(clock, 'resume', t(100));
		// Across the spring clock change (01:00 GMT on 28 March 2027): room time is real time, not wall-clock time.
		expect(elapsedMs(clock, t(105))).toBe(15_000);
		expect(roomClock({ ...clock, clockAuto: true }, t(105))).toEqual({ elapsedMs: 15_000, running: true, auto: true });
		clock = clockAfterMove(clock, 'end', t(110));
		expect(roomClock({ ...clock, clockAuto: true }, t(500))).toEqual({ elapsedMs: 20_000, running: false, auto: true });
	});

	it('owes the injects with a time, not out yet and not held back, soonest first', () => {
		const injects = [
			{ id: 'a', position: 1, releaseOffset: 30 },
			{ id: 'b', position: 2, releaseOffset: null },
			{ id: 'c', position: 3, releaseOffset: 10 },
			{ id: 'd', position: 4, releaseOffset: 10 },
			{ id: 'e', position: 5, releaseOffset: 60 },
			{ id: 'f', position: 6, releaseOffset: 5 }
		];
		expect(clockQueue(injects, ['f'], ['e']).map((i) => i.id)).toEqual(['c', 'd', 'a']);
		expect(isDue({ releaseOffset: 10 }, 9_999)).toBe(false);
		expect(isDue({ releaseOffset: 10 }, 10_000)).toBe(true);
		expect(isDue({ releaseOffset: null }, 1e9)).toBe(false);
	});
});

describe('a message from control', () => {
	it('passes plain words and is refused when it carries an identifier, saying what was found', () => {
		expect(messageProblem('Five minutes until the next inject: agree your risk grade now.')).toBeNull();
		expect(messageProblem('Ring the carer on 07700 900461')).toMatch(/The check found: Phone number\./);
		expect(messageProblem('She was seen at 14 Acacia Avenue')).toMatch(/Street address/);
		expect(MESSAGE_MAX).toBe(280);
	});
});

describe('a Hydra session’s times', () => {
	it('label each end in its own zone when the clocks go back during the session', () => {
		// 31 October 2027: 00:30 BST is 23:30 UTC the day before; the session ends at 01:30 GMT, after the change.
		expect(sessionWhen({ startsAt: new Date('2027-10-30T23:30:00Z'), endsAt: new Date('2027-10-31T01:30:00Z') })).toEqual({
			date: expect.stringMatching(/31 October 2027/),
			times: '00:30 BST to 01:30 GMT'
		});
		expect(sessionWhen({ startsAt: new Date('2027-10-31T09:00:00Z'), endsAt: new Date('2027-10-31T12:00:00Z') }).times).toBe('09:00 to 12:00 GMT');
		expect(sessionWhen({ startsAt: new Date('2027-03-28T00:30:00Z'), endsAt: new Date('2027-03-28T02:00:00Z') }).times).toBe('00:30 GMT to 03:00 BST');
	});
});

describe('the inject form’s time after the start', () => {
	const inject = { scenarioTime: 'Day 1, 09:00', title: 'Report', content: 'Words.', version: '1' };

	it('stores seconds, nothing for an empty field, and puts a clear message on the field otherwise', async () => {
		const { addInjectSchema } = await import('$lib/validators/hydra');
		expect(addInjectSchema.parse({ ...inject, releaseOffset: '2:30' }).releaseOffset).toBe(150);
		expect(addInjectSchema.parse({ ...inject, releaseOffset: '' }).releaseOffset).toBeNull();
		expect(addInjectSchema.parse(inject).releaseOffset).toBeNull();
		for (const [input, message] of [
			['-1:00', /before the start/],
			['9:00:00', /at most 8:00:00/],
			['soon', /like 12:30/]
		] as const) {
			const result = addInjectSchema.safeParse({ ...inject, releaseOffset: input });
			expect(result.success).toBe(false);
			expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['releaseOffset', expect.stringMatching(message)]]);
		}
	});
});
