// Demo consultations: Casey takes mornings and Morgan afternoons (so each demo slot has one consultant), and one
// past consultation in Casey's pipeline. Fictional people only.
import type { Transaction } from '$lib/server/db';
import { availability, bookings } from '$lib/server/db/schema';
import { hashToken, newId, newToken } from '$lib/server/ids';
import type { WeeklyHours } from '$lib/domain/slots';

const weekdays = (intervals: { start: string; end: string }[]): WeeklyHours =>
	Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, intervals]));

export async function seedBookings(tx: Transaction, ids: { casey: string; morgan: string }) {
	await tx.insert(availability).values([
		{ userId: ids.casey, weekly: weekdays([{ start: '09:30', end: '12:30' }]) },
		{ userId: ids.morgan, weekly: weekdays([{ start: '13:30', end: '16:30' }]) }
	]);
	const start = new Date(Date.now() - 14 * 24 * 60 * 60_000);
	start.setUTCHours(10, 0, 0, 0);
	const end = new Date(start.getTime() + 45 * 60_000);
	await tx.insert(bookings).values({
		id: newId(),
		consultantId: ids.casey,
		startsAt: start,
		endsAt: end,
		blocksUntil: new Date(end.getTime() + 15 * 60_000),
		status: 'completed',
		leadName: 'Jordan Vale',
		leadRole: 'Missing persons coordinator',
		organisation: 'Eastwold Constabulary',
		organisationType: 'police',
		localArea: 'Eastwold',
		email: 'jordan.vale@eastwold.example',
		situation: 'Repeat reports from two children’s homes have doubled this year; return interviews are done but their findings are not shared with the police.',
		consentAt: start,
		notes: 'Interested in mapping handoffs after return interviews. Follow up in a month.',
		tokenHash: hashToken(newToken()),
		tokenExpiresAt: end,
		lastContactAt: start
	});
}
