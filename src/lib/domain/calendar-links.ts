// "Add to calendar" links for the web calendars that take an event in the address (Google, Outlook on the web).
// Times go in UTC (a trailing Z), so neither calendar guesses the zone; every value is URL-encoded by URLSearchParams.

export interface CalendarEvent {
	title: string;
	start: Date;
	end: Date;
	description: string;
	location?: string;
}

/** 20270325T100000Z: the basic ISO form Google's `dates` takes. */
function basicUtc(date: Date) {
	return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** 2027-03-25T10:00:00Z: the extended form Outlook's `startdt` and `enddt` take. */
function extendedUtc(date: Date) {
	return date.toISOString().replace(/\.\d{3}/, '');
}

export function googleCalendarUrl(event: CalendarEvent) {
	const params = new URLSearchParams({
		action: 'TEMPLATE',
		text: event.title,
		dates: `${basicUtc(event.start)}/${basicUtc(event.end)}`,
		details: event.description,
		...(event.location ? { location: event.location } : {})
	});
	return `https://calendar.google.com/calendar/render?${params}`;
}

export function outlookCalendarUrl(event: CalendarEvent) {
	const params = new URLSearchParams({
		path: '/calendar/action/compose',
		rru: 'addevent',
		subject: event.title,
		startdt: extendedUtc(event.start),
		enddt: extendedUtc(event.end),
		body: event.description,
		...(event.location ? { location: event.location } : {})
	});
	return `https://outlook.live.com/calendar/0/deeplink/compose?${params}`;
}
