import { describe, expect, it } from 'vitest';
import { consultantSlots, timeRange, whyRefused, type SlotRules } from '$lib/domain/slots';
import { slotDays } from '$lib/domain/slot-options';
import { manageLines, whenText } from '$lib/domain/booking-text';
import { needsReminder } from '$lib/domain/bookings';

const rules = (over: Partial<SlotRules> = {}): SlotRules => ({
	weekly: {},
	meetingMinutes: 45,
	bufferMinutes: 15,
	noticeWorkingDays: 1,
	horizonWeeks: 8,
	dailyCap: 10,
	...over
});
const at = (iso: string) => new Date(iso);

describe('both ends of a slot in their own zone', () => {
	it('labels a slot across the autumn change (Sunday 31 October 2027) BST to GMT', () => {
		expect(timeRange(at('2027-10-31T00:30:00Z'), at('2027-10-31T01:15:00Z'))).toBe('01:30 BST to 01:15 GMT');
		expect(whenText(at('2027-10-31T00:30:00Z'), at('2027-10-31T01:15:00Z'))).toBe('31 October 2027, 01:30 BST to 01:15 GMT (UK time)');
		// Sunday hours from 00:30 to 03:00 London: three slots, the two "01:30"s told apart by their zones.
		const slots = consultantSlots({
			rules: rules({ weekly: { '7': [{ start: '00:30', end: '03:00' }] }, horizonWeeks: 1 }),
			overrides: [],
			busy: [],
			now: at('2027-10-27T10:00:00Z')
		});
		expect(slotDays(slots).days[0].slots.map((s) => s.label)).toEqual([
			'00:30 to 01:15 BST',
			'01:30 BST to 01:15 GMT',
			'01:30 to 02:15 GMT'
		]);
	});

	it('labels a slot across the spring change (Sunday 28 March 2027) GMT to BST', () => {
		expect(timeRange(at('2027-03-28T00:30:00Z'), at('2027-03-28T01:15:00Z'))).toBe('00:30 GMT to 02:15 BST');
		expect(whenText(at('2027-03-28T00:30:00Z'), at('2027-03-28T01:15:00Z'))).toBe('28 March 2027, 00:30 GMT to 02:15 BST (UK time)');
		const slots = consultantSlots({
			rules: rules({ weekly: { '7': [{ start: '00:30', end: '04:00' }] }, horizonWeeks: 1 }),
			overrides: [],
			busy: [],
			now: at('2027-03-24T10:00:00Z')
		});
		expect(slotDays(slots).days[0].slots.map((s) => s.label)).toEqual(['00:30 GMT to 02:15 BST', '02:30 to 03:15 BST']);
	});

	it('names the zone once when both ends share it', () => {
		expect(whenText(at('2027-03-25T10:00:00Z'), at('2027-03-25T10:45:00Z'))).toBe('25 March 2027, 10:00 to 10:45 (GMT, UK time)');
		expect(timeRange(at('2027-04-15T08:00:00Z'), at('2027-04-15T08:45:00Z'))).toBe('09:00 to 09:45 BST');
	});
});

describe('why a time is refused', () => {
	// Wednesday 24 March 2027, 10:00 GMT; weekday hours 09:00-12:30.
	const now = at('2027-03-24T10:00:00Z');
	const consultant = { rules: rules({ weekly: Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [{ start: '09:00', end: '12:30' }]])) }), overrides: [] };

	it('says too soon inside the notice (or in the past)', () => {
		expect(whyRefused(at('2027-03-24T11:00:00Z'), [consultant], now)).toBe('too_soon');
		expect(whyRefused(at('2027-03-01T09:00:00Z'), [consultant], now)).toBe('too_soon');
	});

	it('says outside the hours for a time off the grid or on a day off', () => {
		expect(whyRefused(at('2027-03-25T10:10:00Z'), [consultant], now)).toBe('outside_hours');
		expect(whyRefused(at('2027-03-25T18:00:00Z'), [consultant], now)).toBe('outside_hours');
		expect(whyRefused(at('2027-03-27T10:00:00Z'), [consultant], now)).toBe('outside_hours'); // a Saturday
		expect(whyRefused(at('2027-03-25T10:00:00Z'), [], now)).toBe('outside_hours');
	});

	it('says too far ahead past the horizon', () => {
		expect(whyRefused(at('2027-06-01T09:00:00Z'), [consultant], now)).toBe('too_far');
	});

	it('says just taken for a time on the grid and in range (someone holds it, or the day is full)', () => {
		expect(whyRefused(at('2027-03-25T10:00:00Z'), [consultant], now)).toBe('taken');
	});
});

describe('what the lead can still do', () => {
	const now = at('2027-03-24T10:00:00Z');
	it('offers the manage link until the cut-off, and says so', () => {
		expect(manageLines({ startsAt: at('2027-03-25T10:00:00Z'), now, cutoffHours: 4, manageUrl: 'https://h.test/m/x' })).toEqual([
			'To see, move or cancel this booking (until 4 hours before it starts), open:',
			'https://h.test/m/x'
		]);
		expect(manageLines({ startsAt: at('2027-03-25T10:00:00Z'), now, cutoffHours: 1 })[0]).toContain('until 1 hour before it starts');
	});

	it('promises nothing already past: inside the cut-off it says to reply instead', () => {
		const lines = manageLines({ startsAt: at('2027-03-24T12:00:00Z'), now, cutoffHours: 4, manageUrl: 'https://h.test/m/x' });
		expect(lines.join(' ')).not.toContain('until 4 hours before');
		expect(lines[0]).toBe('It is now less than 4 hours before the start, too late to move or cancel this booking online: if you need to, reply to this email.');
		expect(lines).toContain('https://h.test/m/x');
	});
});

describe('reminders', () => {
	it('are needed only when the lead was told the time well before the reminder would go', () => {
		const start = at('2027-03-26T10:00:00Z');
		expect(needsReminder(start, at('2027-03-24T10:00:00Z'))).toBe(true); // 48 hours ahead
		expect(needsReminder(start, at('2027-03-24T22:00:00Z'))).toBe(true); // 36 hours ahead
		expect(needsReminder(start, at('2027-03-25T09:00:00Z'))).toBe(false); // 25 hours: the reminder would follow in an hour
		expect(needsReminder(start, at('2027-03-25T16:00:00Z'))).toBe(false); // inside the window
	});
});
