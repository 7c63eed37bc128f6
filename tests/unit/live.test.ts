import { describe, expect, it } from 'vitest';
import { moveDot, onBallot, tally, topicOf, voteClosedMessage, voteIsOpen } from '$lib/domain/live';

describe('change topics', () => {
	it('sends map, action and vote changes to their own pages, and anything else to the whole area', () => {
		expect(topicOf('map_handoff')).toBe('map');
		expect(topicOf('action')).toBe('actions');
		expect(topicOf('vote_dot')).toBe('votes');
		expect(topicOf('something_new')).toBe('area');
	});
});

describe('dot voting', () => {
	it('lets a participant spend exactly their dots, and take back only dots they placed', () => {
		expect(moveDot(3, 2, 0, 1)).toEqual({ ok: true, count: 1 });
		expect(moveDot(3, 3, 1, 1)).toEqual({ ok: false, message: 'You have placed all 3 of your dots. Take one back to move it.' });
		expect(moveDot(3, 3, 2, -1)).toEqual({ ok: true, count: 1 });
		expect(moveDot(3, 1, 0, -1).ok).toBe(false);
	});

	it('puts gaps, broken and absent handoffs on a gaps vote, and every handoff on an open one', () => {
		expect(onBallot('gaps', { rating: 'working', isGap: false })).toBe(false);
		expect(onBallot('gaps', { rating: 'working', isGap: true })).toBe(true);
		expect(onBallot('gaps', { rating: 'absent', isGap: false })).toBe(true);
		expect(onBallot('all', { rating: 'working', isGap: false })).toBe(true);
	});

	it('ranks items by dots, ties by label, and counts each voter once', () => {
		const ballot = [
			{ id: 'a', label: 'Referral' },
			{ id: 'b', label: 'Discharge' },
			{ id: 'c', label: 'Alert' }
		];
		const dots = [
			{ itemId: 'a', voter: 'u1', count: 2 },
			{ itemId: 'b', voter: 'u1', count: 1 },
			{ itemId: 'b', voter: 'g1', count: 1 }
		];
		const result = tally(ballot, dots);
		expect(result.items.map((i) => [i.label, i.dots])).toEqual([
			['Discharge', 2],
			['Referral', 2],
			['Alert', 0]
		]);
		expect(result.voters).toBe(2);
	});

	it('takes dots until the facilitator closes the vote or its countdown runs out', () => {
		const now = new Date('2026-12-05T14:10:00Z');
		expect(voteIsOpen({ closedAt: null, endsAt: null }, now)).toBe(true);
		expect(voteIsOpen({ closedAt: null, endsAt: new Date('2026-12-05T14:10:01Z') }, now)).toBe(true);
		expect(voteIsOpen({ closedAt: null, endsAt: now }, now)).toBe(false);
		expect(voteClosedMessage({ closedAt: null, endsAt: now }, now)).toMatch(/Time is up/);
		expect(voteClosedMessage({ closedAt: now, endsAt: null }, now)).toMatch(/closed/);
		expect(voteClosedMessage({ closedAt: null, endsAt: null }, now)).toBeNull();
	});
});
