import { describe, expect, it } from 'vitest';
import { googleCalendarUrl, outlookCalendarUrl } from '../../src/lib/domain/calendar-links';

// 10:00 BST on 1 April 2027 is 09:00 UTC: the links carry UTC, whatever the clock in London says.
const event = {
	title: 'Free consultation with Homeward',
	start: new Date('2027-04-01T09:00:00Z'),
	end: new Date('2027-04-01T09:45:00Z'),
	description: 'How to join: Video call: https://meet.example.test/a?b=c&d=e\nTo see, move or cancel: https://x.test/m/abc',
	location: 'Room 2, Westholm & Co #1'
};

describe('add-to-calendar links', () => {
	it('Google: UTC dates in the basic form, every value encoded and read back whole', () => {
		const url = new URL(googleCalendarUrl(event));
		expect(url.origin + url.pathname).toBe('https://calendar.google.com/calendar/render');
		expect(url.searchParams.get('action')).toBe('TEMPLATE');
		expect(url.searchParams.get('dates')).toBe('20270401T090000Z/20270401T094500Z');
		expect(url.searchParams.get('text')).toBe(event.title);
		expect(url.searchParams.get('details')).toBe(event.description);
		expect(url.searchParams.get('location')).toBe(event.location);
		// The ampersand and hash in the place and link do not break the address into other parameters.
		expect(url.hash).toBe('');
		expect([...url.searchParams.keys()].sort()).toEqual(['action', 'dates', 'details', 'location', 'text']);
	});

	it('Outlook: UTC start and end in the extended form, encoded', () => {
		const url = new URL(outlookCalendarUrl(event));
		expect(url.origin + url.pathname).toBe('https://outlook.live.com/calendar/0/deeplink/compose');
		expect(url.searchParams.get('startdt')).toBe('2027-04-01T09:00:00Z');
		expect(url.searchParams.get('enddt')).toBe('2027-04-01T09:45:00Z');
		expect(url.searchParams.get('subject')).toBe(event.title);
		expect(url.searchParams.get('body')).toBe(event.description);
		expect(url.searchParams.get('location')).toBe(event.location);
		expect(url.hash).toBe('');
	});

	it('leaves out the place when there is none yet', () => {
		const { location: _, ...noPlace } = event;
		expect(new URL(googleCalendarUrl(noPlace)).searchParams.has('location')).toBe(false);
		expect(new URL(outlookCalendarUrl(noPlace)).searchParams.has('location')).toBe(false);
	});
});
