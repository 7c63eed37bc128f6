import { describe, expect, it } from 'vitest';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, joinCodeFrom, normaliseJoinCode } from '$lib/domain/join-code';
import { closedAt, GUEST_REMOVED_MESSAGE, guestRefusal, isRoomOpen, notesByTarget, proposalText, ROOM_CLOSED_MESSAGE, roomTimesProblem } from '$lib/domain/rooms';
import { joinRoomSchema, noteSchema, openRoomSchema, proposeHandoffSchema } from '$lib/validators/rooms';
import { ROOM_JOIN_PER_ADDRESS } from '$lib/domain/rate-limit';
import { formatSpan } from '$lib/domain/dates';

const at = (iso: string) => new Date(iso);

describe('room join codes', () => {
	it('are drawn from the projector-safe alphabet, and what people type reads back as the same code', () => {
		const seen = new Set<string>();
		for (let i = 0; i < 200; i++) {
			const code = joinCodeFrom((n) => crypto.getRandomValues(new Uint8Array(n)));
			expect(code).toHaveLength(JOIN_CODE_LENGTH);
			expect([...code].every((c) => JOIN_CODE_ALPHABET.includes(c))).toBe(true);
			expect(normaliseJoinCode(code.toLowerCase().slice(0, 3) + ' - ' + code.slice(3))).toBe(code);
			seen.add(code);
		}
		// 25^6 codes: two hundred draws do not repeat.
		expect(seen.size).toBe(200);
	});

	it('refuse anything that is not six code characters, so a path like /w/../app is never a room', () => {
		for (const typed of ['', 'ACD', 'ACDEFGH', 'ACDEF0', 'ACDEFO', '../app', 'ACD%00E', 'ÄCDEFG']) expect(normaliseJoinCode(typed)).toBeNull();
	});
});

describe('when a room is open', () => {
	const room = { endsAt: at('2026-12-05T16:00:00Z'), closedAt: null };

	it('is open until its end time, and closed from then on', () => {
		expect(isRoomOpen(room, at('2026-12-05T15:59:59Z'))).toBe(true);
		expect(isRoomOpen(room, at('2026-12-05T16:00:00Z'))).toBe(false);
		expect(closedAt(room)).toEqual(room.endsAt);
	});

	it('closes early when the facilitator closes it', () => {
		const closed = { ...room, closedAt: at('2026-12-05T15:00:00Z') };
		expect(isRoomOpen(closed, at('2026-12-05T15:30:00Z'))).toBe(false);
		expect(closedAt(closed)).toEqual(closed.closedAt);
	});
});

describe('what a guest may still do', () => {
	const room = { endsAt: at('2026-12-05T16:00:00Z'), closedAt: null };
	const during = at('2026-12-05T15:00:00Z');

	it('acts while the room is open and they are in it', () => {
		expect(guestRefusal(room, { removedAt: null }, during)).toBeNull();
	});

	it('is refused, with why, once removed or once the room has closed', () => {
		expect(guestRefusal(room, { removedAt: during }, during)).toBe(GUEST_REMOVED_MESSAGE);
		expect(guestRefusal(room, { removedAt: null }, at('2026-12-05T16:00:00Z'))).toBe(ROOM_CLOSED_MESSAGE);
		expect(guestRefusal({ ...room, closedAt: during }, { removedAt: null }, during)).toBe(ROOM_CLOSED_MESSAGE);
		// Being removed is the reason that matters to the guest, even in a closed room.
		expect(guestRefusal({ ...room, closedAt: during }, { removedAt: during }, during)).toBe(GUEST_REMOVED_MESSAGE);
	});

	it('joins from a venue that shares one address: a room of 80 fits the limit', () => {
		expect(ROOM_JOIN_PER_ADDRESS.max).toBeGreaterThanOrEqual(80);
	});
});

describe('a room’s times', () => {
	const now = at('2026-12-05T09:00:00Z');
	it('end after they start, still to come, within a working day', () => {
		expect(roomTimesProblem(at('2026-12-05T14:00:00Z'), at('2026-12-05T16:00:00Z'), now)).toEqual({});
		expect(roomTimesProblem(at('2026-12-05T14:00:00Z'), at('2026-12-05T14:00:00Z'), now).endTime).toMatch(/after the start/);
		expect(roomTimesProblem(at('2026-12-05T06:00:00Z'), at('2026-12-05T08:00:00Z'), now).endTime).toMatch(/already passed/);
		expect(roomTimesProblem(at('2026-12-05T06:00:00Z'), at('2026-12-05T19:00:00Z'), now).endTime).toMatch(/at most 12 hours/);
	});

	it('are London wall-clock times, summer time included', () => {
		const winter = openRoomSchema.parse({ title: 'Northbrook, workshop 3', date: '2026-12-05', startTime: '14:00', endTime: '16:00' });
		expect(winter.startsAt.toISOString()).toBe('2026-12-05T14:00:00.000Z');
		const summer = openRoomSchema.parse({ title: 'Northbrook, workshop 4', date: '2027-06-10', startTime: '14:00', endTime: '16:00' });
		expect(summer.startsAt.toISOString()).toBe('2027-06-10T13:00:00.000Z');
		expect(openRoomSchema.safeParse({ title: 'x', date: '2026-12-05', startTime: '25:00', endTime: '16:00' }).success).toBe(false);
		expect(openRoomSchema.safeParse({ title: 'x', date: '2026-12-05', startTime: '14:00', endTime: '16:00', extra: '1' }).success).toBe(false);
	});
});

describe('guests’ words', () => {
	it('are plain, length-limited text: names and notes refuse control characters and overlong input', () => {
		expect(joinRoomSchema.safeParse({ displayName: 'Sam', organisation: 'Northbrook Police' }).success).toBe(true);
		expect(joinRoomSchema.safeParse({ displayName: 'S\u0000am', organisation: 'Northbrook Police' }).success).toBe(false);
		expect(joinRoomSchema.safeParse({ displayName: 'x'.repeat(61), organisation: 'Northbrook Police' }).success).toBe(false);
		expect(joinRoomSchema.safeParse({ displayName: '   ', organisation: 'Northbrook Police' }).success).toBe(false);
		expect(noteSchema.safeParse({ kind: 'idea', target: 'stage:return', text: 'y'.repeat(281) }).success).toBe(false);
	});

	it('name what a note is on as kind and id', () => {
		expect(noteSchema.parse({ kind: 'breaks', target: 'actor:abc123', text: ' Slow to answer ' })).toEqual({ kind: 'breaks', targetKind: 'actor', targetId: 'abc123', text: 'Slow to answer' });
		expect(noteSchema.safeParse({ kind: 'breaks', target: 'person:abc', text: 'x' }).success).toBe(false);
		expect(noteSchema.safeParse({ kind: 'rant', target: 'stage:return', text: 'x' }).success).toBe(false);
	});
});

describe('proposals', () => {
	const handoff = { kind: 'handoff' as const, name: 'Missing notification', sector: null, stage: 'during', passes: 'person', rating: 'broken', from: 'Police', to: 'School' };

	it('read as one line: an actor with its sector, a handoff with its ends, stage, what passes and rating', () => {
		expect(proposalText({ ...handoff, kind: 'actor', name: 'Youth club', sector: 'voluntary', stage: null, passes: null, rating: null, from: null, to: null })).toBe(
			'Actor: Youth club (Voluntary)'
		);
		expect(proposalText(handoff)).toBe('Handoff: Police to School, “Missing notification” (During; passes the person; broken)');
		// An end removed from the map since says so rather than showing nothing.
		expect(proposalText({ ...handoff, to: null })).toContain('Police to an actor since removed');
	});

	it('of a handoff take the short form: two different actors, a name, a stage, what passes, a rating, a short description', () => {
		const ok = proposeHandoffSchema.safeParse({ fromActorId: 'a1', toActorId: 'b2', label: ' Missing notification ', stage: 'during', passes: 'information', rating: 'patchy', description: '' });
		expect(ok.success && ok.data).toMatchObject({ label: 'Missing notification', description: '' });
		const same = proposeHandoffSchema.safeParse({ fromActorId: 'a1', toActorId: 'a1', label: 'x', stage: 'during', passes: 'information', rating: 'patchy' });
		expect(same.success).toBe(false);
		expect(same.error?.issues[0].path).toEqual(['toActorId']);
		const long = proposeHandoffSchema.safeParse({ fromActorId: 'a1', toActorId: 'b2', label: 'x', stage: 'during', passes: 'information', rating: 'patchy', description: 'x'.repeat(281) });
		expect(long.error?.issues[0].path).toEqual(['description']);
		const extra = proposeHandoffSchema.safeParse({ fromActorId: 'a1', toActorId: 'b2', label: 'x', stage: 'during', passes: 'information', rating: 'patchy', evidence: 'y' });
		expect(extra.success).toBe(false);
		const control = proposeHandoffSchema.safeParse({ fromActorId: 'a1', toActorId: 'b2', label: 'x\u0007', stage: 'during', passes: 'information', rating: 'patchy' });
		expect(control.error?.issues[0].path).toEqual(['label']);
	});
});

describe('a room’s notes in its record', () => {
	const note = (targetKind: 'stage' | 'actor' | 'handoff' | 'outcome', targetLabel: string, kind: 'works' | 'breaks' | 'idea', text: string) => ({
		targetKind,
		targetLabel,
		kind,
		text,
		authorName: 'Asha',
		authorOrganisation: 'Northbrook Police'
	});

	it('group by what they are on: stages in the journey’s order, then actors, handoffs and outcomes by name; within each by kind', () => {
		const grouped = notesByTarget([
			note('outcome', 'Fewer repeat episodes', 'idea', 'o1'),
			note('actor', 'School', 'breaks', 'a1'),
			note('stage', 'Return', 'idea', 'r1'),
			note('actor', 'Police', 'works', 'p1'),
			note('stage', 'Before', 'breaks', 'b1'),
			note('stage', 'Return', 'works', 'r2'),
			note('handoff', 'Police → School: notification', 'breaks', 'h1'),
			note('stage', 'Return', 'idea', 'r3')
		]);
		expect(grouped.map((g) => g.on)).toEqual([
			'Journey stage: Before',
			'Journey stage: Return',
			'Actor: Police',
			'Actor: School',
			'Handoff: Police → School: notification',
			'Outcome: Fewer repeat episodes'
		]);
		expect(grouped[1].kinds).toEqual([
			{ kind: 'What works', notes: [{ text: 'r2', by: 'Asha, Northbrook Police' }] },
			{ kind: 'Idea', notes: [{ text: 'r1', by: 'Asha, Northbrook Police' }, { text: 'r3', by: 'Asha, Northbrook Police' }] }
		]);
		expect(notesByTarget([])).toEqual([]);
	});
});

describe('when a room ran', () => {
	it('reads as London time, the day again only when it ends on another London day (clock changes included)', () => {
		expect(formatSpan(at('2026-12-05T14:00:00Z'), at('2026-12-05T16:00:00Z'))).toBe('5 Dec 2026, 14:00 to 16:00');
		// Summer time: 13:00 UTC is 14:00 in London.
		expect(formatSpan(at('2026-07-01T13:00:00Z'), at('2026-07-01T15:30:00Z'))).toBe('1 Jul 2026, 14:00 to 16:30');
		// Across the night the clocks go back (25 October 2026).
		expect(formatSpan(at('2026-10-24T22:00:00Z'), at('2026-10-25T03:00:00Z'))).toBe('24 Oct 2026, 23:00 to 25 Oct 2026, 03:00');
	});
});
