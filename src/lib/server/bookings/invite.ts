// Calendar invites for a booking (RFC 5545 through the `ics` package): one UID per booking for its whole life,
// SEQUENCE raised at each change, METHOD:REQUEST while it stands and METHOD:CANCEL when it is cancelled; and a
// consultant's subscription feed of their bookings (METHOD:PUBLISH), with the same UIDs.
import { createEvent, createEvents } from 'ics';
import type { MailAttachment } from '$lib/server/db/schema';

export interface InviteInput {
	bookingId: string;
	sequence: number;
	startsAt: Date;
	endsAt: Date;
	cancelled: boolean;
	title: string;
	description: string;
	/** Where to join: a video link, a phone number or an address. */
	location?: string;
	url?: string;
	organizer: { name: string; email: string };
	attendees: { name: string; email: string }[];
	domain: string;
}

export function inviteUid(bookingId: string, domain: string) {
	return `booking-${bookingId}@${domain}`;
}

/** The invite as ICS text; times are written in UTC so no calendar has to guess the zone. */
export function buildInvite(input: InviteInput): string {
	const { error, value } = createEvent({
		productId: 'homeward/bookings',
		method: input.cancelled ? 'CANCEL' : 'REQUEST',
		uid: inviteUid(input.bookingId, input.domain),
		sequence: input.sequence,
		start: input.startsAt.getTime(),
		startInputType: 'utc',
		startOutputType: 'utc',
		end: input.endsAt.getTime(),
		endInputType: 'utc',
		endOutputType: 'utc',
		title: input.title,
		description: input.description,
		...(input.location ? { location: input.location } : {}),
		...(input.url ? { url: input.url } : {}),
		status: input.cancelled ? 'CANCELLED' : 'CONFIRMED',
		busyStatus: 'BUSY',
		organizer: input.organizer,
		attendees: input.attendees.map((a) => ({ ...a, rsvp: false, partstat: 'ACCEPTED', role: 'REQ-PARTICIPANT' }))
	});
	if (error || !value) throw error ?? new Error('The calendar invite could not be built.');
	return value;
}

export function inviteAttachment(input: InviteInput): MailAttachment {
	const method = input.cancelled ? 'CANCEL' : 'REQUEST';
	return {
		filename: input.cancelled ? 'cancelled.ics' : 'invite.ics',
		contentType: `text/calendar; charset=utf-8; method=${method}`,
		content: buildInvite(input)
	};
}

export interface FeedEvent {
	bookingId: string;
	sequence: number;
	startsAt: Date;
	endsAt: Date;
	title: string;
	description: string;
	location?: string;
	url: string;
}

/** A calendar to subscribe to: one event per booking, under the UID its invites use, so a calendar holding the invite does not show it twice. */
export function buildFeed(calName: string, events: FeedEvent[], domain: string): string {
	const { error, value } = createEvents(
		events.map((e) => ({
			uid: inviteUid(e.bookingId, domain),
			sequence: e.sequence,
			start: e.startsAt.getTime(),
			startInputType: 'utc' as const,
			startOutputType: 'utc' as const,
			end: e.endsAt.getTime(),
			endInputType: 'utc' as const,
			endOutputType: 'utc' as const,
			title: e.title,
			description: e.description,
			...(e.location ? { location: e.location } : {}),
			url: e.url,
			status: 'CONFIRMED' as const,
			busyStatus: 'BUSY' as const
		})),
		{ productId: 'homeward/bookings', method: 'PUBLISH', calName }
	);
	if (error || !value) throw error ?? new Error('The calendar feed could not be built.');
	return value;
}
