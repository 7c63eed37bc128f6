import { describe, expect, it } from 'vitest';
import { buildInvite } from '$lib/server/bookings/invite';

const base = {
	bookingId: 'abc123',
	sequence: 0,
	startsAt: new Date('2027-03-29T08:00:00Z'),
	endsAt: new Date('2027-03-29T08:45:00Z'),
	cancelled: false,
	title: 'Free consultation',
	description: 'A conversation about repeat missing.',
	organizer: { name: 'Casey Consultant', email: 'consultant@homeward.test' },
	attendees: [{ name: 'Jo Lead', email: 'jo@example.test' }],
	domain: 'homeward.test'
};
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');

describe('calendar invites', () => {
	it('requests the meeting in UTC with a UID stable for the booking', () => {
		const ics = unfold(buildInvite(base));
		expect(ics).toContain('METHOD:REQUEST');
		expect(ics).toContain('UID:booking-abc123@homeward.test');
		expect(ics).toContain('SEQUENCE:0');
		expect(ics).toMatch(/DTSTART:20270329T080000Z/);
		expect(ics).toMatch(/DTEND:20270329T084500Z/);
		expect(ics).toContain('STATUS:CONFIRMED');
		expect(ics).toContain('mailto:jo@example.test');
	});

	it('keeps the UID and raises SEQUENCE on a change; cancels with METHOD:CANCEL', () => {
		const moved = unfold(buildInvite({ ...base, sequence: 1, startsAt: new Date('2027-03-30T08:00:00Z'), endsAt: new Date('2027-03-30T08:45:00Z') }));
		expect(moved).toContain('UID:booking-abc123@homeward.test');
		expect(moved).toContain('SEQUENCE:1');
		expect(moved).toMatch(/DTSTART:20270330T080000Z/);
		const cancelled = unfold(buildInvite({ ...base, sequence: 2, cancelled: true }));
		expect(cancelled).toContain('METHOD:CANCEL');
		expect(cancelled).toContain('STATUS:CANCELLED');
		expect(cancelled).toContain('SEQUENCE:2');
	});
});
