import { describe, expect, it } from 'vitest';
import {
	byLeastRecentlyBooked,
	consultantSlots,
	earliestStart,
	groupByDay,
	londonInstant,
	londonTime,
	londonZoneName,
	openSlots,
	parseIntervals,
	rangeFor,
	type SlotRules
} from '$lib/domain/slots';
import { canSelfServe } from '$lib/domain/bookings';

const rules = (over: Partial<SlotRules> = {}): SlotRules => ({
	weekly: {},
	meetingMinutes: 45,
	bufferMinutes: 15,
	noticeWorkingDays: 1,
	horizonWeeks: 8,
	dailyCap: 10,
	...over
});
const iso = (slots: { start: Date }[]) => slots.map((s) => s.start.toISOString());
// Wednesday 24 March 2027, 10:00 GMT: the spring change (Sunday 28 March) is inside the horizon.
const SPRING_NOW = new Date('2027-03-24T10:00:00Z');
// Wednesday 27 October 2027: the autumn change (Sunday 31 October) is inside the horizon.
const AUTUMN_NOW = new Date('2027-10-27T10:00:00Z');

describe('London wall clock to instants', () => {
	it('maps the same wall time to different UTC instants either side of each change', () => {
		expect(londonInstant('2027-03-26', '09:00').toISOString()).toBe('2027-03-26T09:00:00.000Z');
		expect(londonInstant('2027-03-29', '09:00').toISOString()).toBe('2027-03-29T08:00:00.000Z');
		expect(londonInstant('2027-10-29', '09:00').toISOString()).toBe('2027-10-29T08:00:00.000Z');
		expect(londonInstant('2027-11-01', '09:00').toISOString()).toBe('2027-11-01T09:00:00.000Z');
		expect(londonZoneName(new Date('2027-03-29T08:00:00Z'))).toBe('BST');
		expect(londonZoneName(new Date('2027-11-01T09:00:00Z'))).toBe('GMT');
	});
});

describe('consultantSlots', () => {
	it('lays a grid of meeting plus buffer inside each interval, in London time', () => {
		const slots = consultantSlots({
			rules: rules({ weekly: { '1': [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '15:00' }] }, horizonWeeks: 1 }),
			overrides: [],
			busy: [],
			now: SPRING_NOW
		});
		// Monday 29 March is in BST: 09:00 London is 08:00 UTC. 11:00 + 45 min ends 11:45, inside 12:00; 14:30 would end 15:15.
		expect(iso(slots)).toEqual([
			'2027-03-29T08:00:00.000Z',
			'2027-03-29T09:00:00.000Z',
			'2027-03-29T10:00:00.000Z',
			'2027-03-29T12:30:00.000Z'
		]);
		expect(slots[0].end.toISOString()).toBe('2027-03-29T08:45:00.000Z');
	});

	it('keeps the same London hours on the Fridays and Mondays either side of the spring change', () => {
		const slots = consultantSlots({
			rules: rules({ weekly: { '1': [{ start: '09:00', end: '10:00' }], '5': [{ start: '09:00', end: '10:00' }] }, horizonWeeks: 1, noticeWorkingDays: 0 }),
			overrides: [],
			busy: [],
			now: SPRING_NOW
		});
		expect(iso(slots)).toEqual(['2027-03-26T09:00:00.000Z', '2027-03-29T08:00:00.000Z']);
		expect(slots.map((s) => londonTime(s.start))).toEqual(['09:00', '09:00']);
	});

	it('counts real minutes across the night the clocks go forward (28 March 2027)', () => {
		const slots = consultantSlots({
			rules: rules({ weekly: { '7': [{ start: '00:00', end: '04:00' }] }, horizonWeeks: 1, noticeWorkingDays: 0 }),
			overrides: [],
			busy: [],
			now: SPRING_NOW
		});
		// 00:00 GMT to 04:00 BST is three real hours: three meetings, the hour 01:00-02:00 never shown.
		expect(iso(slots)).toEqual(['2027-03-28T00:00:00.000Z', '2027-03-28T01:00:00.000Z', '2027-03-28T02:00:00.000Z']);
		expect(slots.map((s) => londonTime(s.start))).toEqual(['00:00', '02:00', '03:00']);
	});

	it('counts real minutes across the night the clocks go back (31 October 2027)', () => {
		const slots = consultantSlots({
			rules: rules({ weekly: { '7': [{ start: '00:00', end: '03:00' }] }, horizonWeeks: 1, noticeWorkingDays: 0 }),
			overrides: [],
			busy: [],
			now: AUTUMN_NOW
		});
		// 00:00 BST to 03:00 GMT is four real hours; 01:00 happens twice, once in BST and once in GMT.
		expect(iso(slots)).toEqual([
			'2027-10-30T23:00:00.000Z',
			'2027-10-31T00:00:00.000Z',
			'2027-10-31T01:00:00.000Z',
			'2027-10-31T02:00:00.000Z'
		]);
		expect(slots.map((s) => `${londonTime(s.start)} ${londonZoneName(s.start)}`)).toEqual([
			'00:00 BST',
			'01:00 BST',
			'01:00 GMT',
			'02:00 GMT'
		]);
	});

	it('moves Monday 1 November 2027 09:00 to 09:00 UTC after the autumn change', () => {
		const slots = consultantSlots({
			rules: rules({ weekly: { '1': [{ start: '09:00', end: '09:45' }] }, horizonWeeks: 1 }),
			overrides: [],
			busy: [],
			now: AUTUMN_NOW
		});
		expect(iso(slots)).toEqual(['2027-11-01T09:00:00.000Z']);
	});

	it('drops a day off and adds extra hours from the overrides', () => {
		const slots = consultantSlots({
			rules: rules({ weekly: { '1': [{ start: '09:00', end: '10:00' }], '2': [{ start: '09:00', end: '10:00' }] }, horizonWeeks: 1 }),
			overrides: [
				{ date: '2027-03-29', kind: 'off' },
				{ date: '2027-03-27', kind: 'extra', startTime: '10:00', endTime: '11:00' },
				{ date: '2027-03-30', kind: 'extra', startTime: '14:00', endTime: '14:45' }
			],
			busy: [],
			now: new Date('2027-03-25T08:00:00Z')
		});
		// Saturday 27 March (extra, GMT), no Monday (off), Tuesday's weekly hour plus its extra afternoon (BST).
		expect(iso(slots)).toEqual(['2027-03-27T10:00:00.000Z', '2027-03-30T08:00:00.000Z', '2027-03-30T13:00:00.000Z']);
	});

	it('keeps the buffer clear on both sides of an existing booking', () => {
		const weekly = { '1': [{ start: '09:00', end: '13:00' }] };
		const busy = [{ start: new Date('2027-03-29T09:30:00Z'), until: new Date('2027-03-29T10:30:00Z') }]; // 10:30-11:30 London
		const slots = consultantSlots({ rules: rules({ weekly, horizonWeeks: 1 }), overrides: [], busy, now: SPRING_NOW });
		// 10:00 (with its buffer to 11:00) and 11:00 both touch 10:30-11:30; 09:00 and 12:00 stay.
		expect(slots.map((s) => londonTime(s.start))).toEqual(['09:00', '12:00']);
		// A booking that ends exactly where the next begins is not an overlap.
		const back = [{ start: new Date('2027-03-29T08:00:00Z'), until: new Date('2027-03-29T09:00:00Z') }];
		expect(
			consultantSlots({ rules: rules({ weekly, horizonWeeks: 1 }), overrides: [], busy: back, now: SPRING_NOW }).map((s) =>
				londonTime(s.start)
			)
		).toEqual(['10:00', '11:00', '12:00']);
	});

	it('closes a day once its bookings reach the daily cap', () => {
		const weekly = { '1': [{ start: '09:00', end: '13:00' }], '2': [{ start: '09:00', end: '10:00' }] };
		const busy = [
			{ start: new Date('2027-03-29T08:00:00Z'), until: new Date('2027-03-29T09:00:00Z') },
			{ start: new Date('2027-03-29T09:00:00Z'), until: new Date('2027-03-29T10:00:00Z') }
		];
		const capped = consultantSlots({ rules: rules({ weekly, horizonWeeks: 1, dailyCap: 2 }), overrides: [], busy, now: SPRING_NOW });
		expect(iso(capped)).toEqual(['2027-03-30T08:00:00.000Z']);
		const open = consultantSlots({ rules: rules({ weekly, horizonWeeks: 1, dailyCap: 3 }), overrides: [], busy, now: SPRING_NOW });
		expect(open.map((s) => londonTime(s.start))).toEqual(['11:00', '12:00', '09:00']);
	});

	it('needs a working day of notice: Friday afternoon opens Monday afternoon, not the weekend', () => {
		const weekly = {
			'1': [{ start: '09:00', end: '17:00' }],
			'6': [{ start: '09:00', end: '10:00' }]
		};
		const friday = new Date('2027-03-26T15:00:00Z'); // 15:00 GMT
		expect(earliestStart(friday, 1).toISOString()).toBe('2027-03-29T14:00:00.000Z'); // 15:00 BST Monday
		const slots = consultantSlots({ rules: rules({ weekly, horizonWeeks: 1 }), overrides: [], busy: [], now: friday });
		expect(slots.map((s) => londonTime(s.start))).toEqual(['15:00', '16:00']);
	});

	it('offers nothing past the horizon', () => {
		const weekly = { '3': [{ start: '09:00', end: '09:45' }] };
		const slots = consultantSlots({ rules: rules({ weekly, horizonWeeks: 2 }), overrides: [], busy: [], now: SPRING_NOW });
		// From Wednesday 24 March: the horizon covers 24 March to 6 April; the 24th is inside the notice.
		expect(iso(slots)).toEqual(['2027-03-31T08:00:00.000Z']);
		expect(consultantSlots({ rules: rules({ weekly, horizonWeeks: 8 }), overrides: [], busy: [], now: SPRING_NOW })).toHaveLength(7);
	});
});

describe('choosing among consultants', () => {
	const a = { id: 'a', lastBookedAt: new Date('2027-03-01T10:00:00Z') };
	const b = { id: 'b', lastBookedAt: new Date('2027-02-01T10:00:00Z') };
	const c = { id: 'c', lastBookedAt: null };

	it('puts the least recently booked first, the never booked before all', () => {
		expect([a, b, c].sort(byLeastRecentlyBooked).map((x) => x.id)).toEqual(['c', 'b', 'a']);
	});

	it('merges everyone free at a start into one open slot, in that order', () => {
		const at = (t: string) => ({ start: new Date(t), end: new Date(new Date(t).getTime() + 45 * 60_000) });
		const open = openSlots([
			{ candidate: a, slots: [at('2027-03-29T08:00:00Z'), at('2027-03-29T09:00:00Z')] },
			{ candidate: b, slots: [at('2027-03-29T09:00:00Z')] }
		]);
		expect(open.map((s) => [s.start.toISOString(), s.consultantIds])).toEqual([
			['2027-03-29T08:00:00.000Z', ['a']],
			['2027-03-29T09:00:00.000Z', ['b', 'a']]
		]);
		expect(groupByDay(open).map((d) => [d.label, d.slots.length])).toEqual([['Monday 29 March 2027', 2]]);
	});
});

describe('weekly hours as typed', () => {
	it('reads several intervals a day and refuses overlaps or nonsense', () => {
		expect(parseIntervals('9:00-12:30, 13.30 to 17:00')).toEqual([
			{ start: '09:00', end: '12:30' },
			{ start: '13:30', end: '17:00' }
		]);
		expect(parseIntervals('')).toEqual([]);
		expect(parseIntervals('09:00-12:00, 11:00-13:00')).toBeNull();
		expect(parseIntervals('12:00-09:00')).toBeNull();
		expect(parseIntervals('25:00-26:00')).toBeNull();
		expect(parseIntervals('mornings')).toBeNull();
	});
});

describe('self-service cut-off', () => {
	it('allows changes until four hours before the start, and only to confirmed bookings', () => {
		const start = new Date('2027-03-29T08:00:00Z');
		expect(canSelfServe('confirmed', start, new Date('2027-03-29T04:00:00Z'))).toBe(true);
		expect(canSelfServe('confirmed', start, new Date('2027-03-29T04:00:01Z'))).toBe(false);
		expect(canSelfServe('cancelled', start, new Date('2027-03-20T04:00:00Z'))).toBe(false);
		expect(rangeFor(start, { meetingMinutes: 45, bufferMinutes: 15 }).until.toISOString()).toBe('2027-03-29T09:00:00.000Z');
	});
});
