// Calendars outside Homeward: the lead's "add to calendar" (the invite as a download, Google and Outlook links) and a
// consultant's private subscription feed of their bookings, by a token that can be revoked (only its hash kept).
import { and, asc, eq, gte, isNull, ne } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { availability, bookings, calendarFeeds, type Booking } from '$lib/server/db/schema';
import { hashToken, newId, newToken } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { config } from '$lib/server/config';
import { link } from '$lib/server/mail';
import { assertStaff } from '$lib/server/auth/staff';
import { joiningFor, joiningText, type Joining } from '$lib/domain/bookings';
import { googleCalendarUrl, outlookCalendarUrl } from '$lib/domain/calendar-links';
import type { SessionUser } from '$lib/server/auth/session';
import { buildFeed } from './invite';
import { bookingInvite, eventText } from './mail';

/** What the lead's "Add to calendar" offers: the invite's own text as a file, and links for two web calendars. */
export function leadCalendar(
	booking: Booking,
	consultant: { name: string; email: string },
	joining: Joining | null,
	token: string
) {
	const manageUrl = link(`/consultation/manage/${token}`);
	const text = eventText(booking, consultant, joining, manageUrl);
	const event = { title: text.title, start: booking.startsAt, end: booking.endsAt, description: text.description, location: text.location };
	return {
		ics: bookingInvite(booking, consultant, joining, manageUrl).content,
		google: googleCalendarUrl(event),
		outlook: outlookCalendarUrl(event)
	};
}

export const feedPath = (token: string) => `/calendar/${token}.ics`;

/** Whether the consultant has a live feed, and since when (the link itself was shown once, when it was made). */
export async function feedStatus(user: SessionUser) {
	assertStaff(user);
	const [feed] = await db
		.select({ createdAt: calendarFeeds.createdAt })
		.from(calendarFeeds)
		.where(and(eq(calendarFeeds.userId, user.id), isNull(calendarFeeds.revokedAt)));
	return feed ?? null;
}

/** A new feed link for the consultant; any earlier one stops working. Returns the link, which exists nowhere else. */
export async function createFeed(user: SessionUser, now = new Date()) {
	assertStaff(user);
	const token = newToken();
	await db.transaction(async (tx) => {
		await tx
			.update(calendarFeeds)
			.set({ revokedAt: now })
			.where(and(eq(calendarFeeds.userId, user.id), isNull(calendarFeeds.revokedAt)));
		const id = newId();
		await tx.insert(calendarFeeds).values({ id, userId: user.id, tokenHash: hashToken(token), createdAt: now });
		await audit(tx, { actorId: user.id, entity: 'calendar-feed', entityId: id, action: 'create', after: { userId: user.id } });
	});
	return link(feedPath(token));
}

export async function revokeFeed(user: SessionUser, now = new Date()) {
	assertStaff(user);
	await db.transaction(async (tx) => {
		const revoked = await tx
			.update(calendarFeeds)
			.set({ revokedAt: now })
			.where(and(eq(calendarFeeds.userId, user.id), isNull(calendarFeeds.revokedAt)))
			.returning({ id: calendarFeeds.id });
		for (const { id } of revoked) {
			await audit(tx, { actorId: user.id, entity: 'calendar-feed', entityId: id, action: 'revoke', after: { revokedAt: now } });
		}
	});
}

/** How far back a feed reaches: recent meetings stay in the calendar for a while after they happen. */
const FEED_PAST_DAYS = 30;

/** The feed a token opens: its consultant's bookings that hold time, from a month ago on; null when revoked or unknown. */
export async function feedByToken(token: string, now = new Date()) {
	const [feed] = await db
		.select({ userId: calendarFeeds.userId })
		.from(calendarFeeds)
		.where(and(eq(calendarFeeds.tokenHash, hashToken(token)), isNull(calendarFeeds.revokedAt)));
	if (!feed) return null;
	const [rows, [defaults]] = await Promise.all([
		db
			.select()
			.from(bookings)
			.where(
				and(
					eq(bookings.consultantId, feed.userId),
					ne(bookings.status, 'cancelled'),
					gte(bookings.endsAt, new Date(now.getTime() - FEED_PAST_DAYS * 24 * 60 * 60_000))
				)
			)
			.orderBy(asc(bookings.startsAt))
			.limit(1000),
		db
			.select({ joiningKind: availability.joiningKind, joiningDetail: availability.joiningDetail })
			.from(availability)
			.where(eq(availability.userId, feed.userId))
	]);
	const domain = new URL(config.origin).hostname;
	return buildFeed(
		`${config.orgName} consultations`,
		rows.map((b) => {
			const joining = joiningFor(b, defaults);
			const page = link(`/app/consultations/${b.id}`);
			return {
				bookingId: b.id,
				sequence: b.sequence,
				startsAt: b.startsAt,
				endsAt: b.endsAt,
				title: `Consultation: ${b.leadName}, ${b.organisation}`,
				description: [`How to join: ${joiningText(joining)}`, `Local area: ${b.localArea}`, page].join('\n'),
				location: joining?.detail,
				url: page
			};
		}),
		domain
	);
}
