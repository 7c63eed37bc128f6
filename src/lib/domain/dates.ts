// Dates and times as people in the UK read them, always in Europe/London whatever the server's zone.
export const ZONE = 'Europe/London';

const dateTime = new Intl.DateTimeFormat('en-GB', {
	timeZone: ZONE,
	day: 'numeric',
	month: 'short',
	year: 'numeric',
	hour: '2-digit',
	minute: '2-digit'
});
const date = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, day: 'numeric', month: 'long', year: 'numeric' });
const isoDay = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const dayMonth = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short' });

/** The calendar day in Europe/London as YYYY-MM-DD, whatever the server's zone: "today" by default. */
export function londonToday(now: Date = new Date()): string {
	return isoDay.format(now);
}

export function formatDateTime(value: Date | string | null | undefined) {
	return value ? dateTime.format(new Date(value)) : '';
}

const time = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit' });

/** When something ran, as "5 Dec 2026, 14:00 to 16:00" (the day again only when it ends on another London day). */
export function formatSpan(from: Date | string, to: Date | string) {
	const sameDay = londonToday(new Date(from)) === londonToday(new Date(to));
	return `${formatDateTime(from)} to ${sameDay ? time.format(new Date(to)) : formatDateTime(to)}`;
}

export function formatDate(value: Date | string | null | undefined) {
	return value ? date.format(new Date(value)) : '';
}

/** A calendar day (YYYY-MM-DD) as "9 Nov", for chart labels. */
export function formatDay(day: string) {
	return dayMonth.format(new Date(`${day}T00:00:00Z`));
}
