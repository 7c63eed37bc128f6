// Each kind of personal data Homeward keeps, how long, and what happens when its time is up. A capability that keeps
// personal data adds its kind here; the job, the admin page and the tests pick it up.
import { and, eq, inArray, isNotNull, isNull, lte, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor, Transaction } from '$lib/server/db';
import {
	auditLog,
	bookings,
	heroSubscribers,
	heroTokens,
	hydraEvents,
	hydraRequests,
	invitations,
	mapImports,
	outbox,
	partnerEnquiries,
	passwordResets,
	rateLimitHits,
	sessions,
	sightings
} from '$lib/server/db/schema';
import { config } from '$lib/server/config';
import { audit } from '$lib/server/audit';
import { ANONYMISED } from '$lib/server/bookings';
import { blankAuditHistory } from '$lib/server/privacy/audit-history';
import { scrubMail } from '$lib/server/privacy/sources/sweeps';

export interface Period {
	amount: number;
	unit: 'hours' | 'days' | 'months';
}

export interface RetentionKind {
	id: string;
	label: string;
	/** How long, from when: for the admin page. */
	rule(): string;
	/** What happens to a record whose time is up. */
	outcome: 'deleted' | 'anonymised';
	/** The records this kind covers. */
	table: PgTable;
	scope: () => SQL | undefined;
	/** When a record of this kind is due (SQL over the table's columns). */
	dueAt: () => SQL;
	/** Removes (or anonymises) every record due at `now`; returns how many. */
	apply(tx: Transaction, now: Date): Promise<number>;
}

const interval = ({ amount, unit }: Period) =>
	sql`make_interval(${sql.raw(unit === 'months' ? 'months' : unit === 'days' ? 'days' : 'hours')} => ${Math.round(amount)})`;
const after = (column: SQL | AnyColumn, period: Period) => sql`(${column} + ${interval(period)})`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const describe = (p: Period) => plural(p.amount, p.unit.slice(0, -1));

const due = (kind: Pick<RetentionKind, 'scope' | 'dueAt'>, now: Date) =>
	and(kind.scope(), lte(kind.dueAt(), sql`${now.toISOString()}::timestamptz`));

function deleting(kind: Omit<RetentionKind, 'apply' | 'outcome'>, idColumn: Parameters<typeof inArray>[0]): RetentionKind {
	return {
		...kind,
		outcome: 'deleted',
		async apply(tx, now) {
			const gone = await tx.delete(kind.table).where(due(kind, now)).returning({ id: idColumn as never });
			return gone.length;
		}
	};
}

const periods = {
	heroUnconfirmed: (): Period => ({ amount: config.heroUnconfirmedDays, unit: 'days' }),
	heroUnsubscribed: (): Period => ({ amount: config.heroUnsubscribedDays, unit: 'days' }),
	sightings: (): Period => ({ amount: config.sightingRetentionDays, unit: 'days' }),
	bookings: (): Period => ({ amount: config.bookingRetentionMonths, unit: 'months' }),
	enquiries: (): Period => ({ amount: config.enquiryRetentionMonths, unit: 'months' }),
	hydraRequests: (): Period => ({ amount: config.hydraRequestRetentionMonths, unit: 'months' }),
	mail: (): Period => ({ amount: config.mailRetentionDays, unit: 'days' }),
	invitations: (): Period => ({ amount: config.invitationRetentionDays, unit: 'days' }),
	rateLimits: (): Period => ({ amount: Math.max(1, config.rateLimitRetentionHours), unit: 'hours' }),
	audit: (): Period => ({ amount: config.auditRetentionDays, unit: 'days' })
};

export const KINDS: RetentionKind[] = [
	deleting(
		{
			id: 'hero-unconfirmed',
			label: 'Search Heroes sign-ups never confirmed',
			rule: () => `${describe(periods.heroUnconfirmed())} after sign-up`,
			table: heroSubscribers,
			scope: () => eq(heroSubscribers.status, 'pending'),
			dueAt: () => after(heroSubscribers.consentAt, periods.heroUnconfirmed())
		},
		heroSubscribers.id
	),
	deleting(
		{
			id: 'hero-unsubscribed',
			label: 'Search Heroes who unsubscribed (address and consent history)',
			rule: () => `${describe(periods.heroUnsubscribed())} after unsubscribing`,
			table: heroSubscribers,
			scope: () => and(eq(heroSubscribers.status, 'unsubscribed'), isNotNull(heroSubscribers.unsubscribedAt)),
			dueAt: () => after(heroSubscribers.unsubscribedAt, periods.heroUnsubscribed())
		},
		heroSubscribers.id
	),
	deleting(
		{
			id: 'hero-links',
			label: 'Search Heroes link tokens (hashes) past their expiry',
			rule: () => 'at expiry',
			table: heroTokens,
			scope: () => undefined,
			dueAt: () => sql`${heroTokens.expiresAt}`
		},
		heroTokens.tokenHash
	),
	deleting(
		{
			id: 'sightings',
			label: 'Sightings, once handled',
			rule: () => `${describe(periods.sightings())} after being marked handled`,
			table: sightings,
			scope: () => and(eq(sightings.status, 'handled'), isNotNull(sightings.handledAt)),
			dueAt: () => after(sightings.handledAt, periods.sightings())
		},
		sightings.id
	),
	{
		id: 'booking-contacts',
		label: 'Consultation leads’ contact details',
		rule: () => `${describe(periods.bookings())} after the last contact or the meeting, whichever is later`,
		outcome: 'anonymised',
		table: bookings,
		scope: () => isNull(bookings.anonymisedAt),
		dueAt: () => after(sql`greatest(${bookings.lastContactAt}, ${bookings.endsAt})`, periods.bookings()),
		async apply(tx, now) {
			const stale = await tx
				.select({ id: bookings.id, email: bookings.email, leadName: bookings.leadName, phone: bookings.phone })
				.from(bookings)
				.where(due(this, now))
				.for('update', { skipLocked: true });
			if (stale.length === 0) return 0;
			const ids = stale.map((s) => s.id);
			await tx
				.update(bookings)
				.set({
					leadName: ANONYMISED,
					leadRole: '',
					email: sql`'anonymised-' || ${bookings.id} || '@invalid'`,
					phone: '',
					situation: '',
					notes: '',
					cancelReason: null,
					tokenSealed: null,
					anonymisedAt: now
				})
				.where(inArray(bookings.id, ids));
			// The booking's history named the lead too, and so did its mail (to the lead, and to staff about them).
			await blankAuditHistory(tx, 'booking', ids);
			for (const lead of stale) await scrubMail(tx, lead.email, [lead.leadName, lead.phone]);
			for (const id of ids) await audit(tx, { actorId: null, entity: 'booking', entityId: id, action: 'anonymise', after: { anonymisedAt: now } });
			return ids.length;
		}
	},
	{
		id: 'enquiries',
		label: 'Partner enquiries',
		rule: () => `${describe(periods.enquiries())} after they last changed`,
		outcome: 'deleted',
		table: partnerEnquiries,
		scope: () => undefined,
		dueAt: () => after(partnerEnquiries.updatedAt, periods.enquiries()),
		async apply(tx, now) {
			const gone = await tx.delete(partnerEnquiries).where(due(this, now)).returning({ id: partnerEnquiries.id });
			await blankAuditHistory(tx, 'partner-enquiry', gone.map((g) => g.id));
			return gone.length;
		}
	},
	{
		id: 'hydra-requests',
		label: 'Hydra training requests',
		rule: () => `${describe(periods.hydraRequests())} after they last changed or their session ended, whichever is later`,
		outcome: 'deleted',
		table: hydraRequests,
		scope: () => undefined,
		// greatest() ignores the null of a request with no session (or a cancelled one).
		dueAt: () =>
			after(
				sql`greatest(${hydraRequests.updatedAt}, (select ${hydraEvents.endsAt} from ${hydraEvents} where ${hydraEvents.id} = ${hydraRequests.eventId}))`,
				periods.hydraRequests()
			),
		async apply(tx, now) {
			const gone = await tx.delete(hydraRequests).where(due(this, now)).returning({ id: hydraRequests.id });
			await blankAuditHistory(tx, 'hydra_request', gone.map((g) => g.id));
			return gone.length;
		}
	},
	deleting(
		{
			id: 'mail',
			label: 'Sent mail, and mail given up on (addresses and bodies)',
			rule: () => `${describe(periods.mail())} after sending (or giving up)`,
			table: outbox,
			scope: () => or(eq(outbox.status, 'sent'), eq(outbox.status, 'failed')),
			dueAt: () => after(sql`coalesce(${outbox.sentAt}, ${outbox.createdAt})`, periods.mail())
		},
		outbox.id
	),
	deleting(
		{
			id: 'invitations',
			label: 'Invitations (addresses)',
			rule: () => `${describe(periods.invitations())} after they expire`,
			table: invitations,
			scope: () => undefined,
			dueAt: () => after(invitations.expiresAt, periods.invitations())
		},
		invitations.id
	),
	deleting(
		{
			id: 'map-imports',
			label: 'Uploaded map files waiting for their mapping step',
			rule: () => 'at expiry, an hour after upload',
			table: mapImports,
			scope: () => undefined,
			dueAt: () => sql`${mapImports.expiresAt}`
		},
		mapImports.id
	),
	deleting(
		{
			id: 'password-resets',
			label: 'Password reset links (hashes)',
			rule: () => 'at expiry',
			table: passwordResets,
			scope: () => undefined,
			dueAt: () => sql`${passwordResets.expiresAt}`
		},
		passwordResets.id
	),
	deleting(
		{
			id: 'sessions',
			label: 'Sessions that have ended',
			rule: () => 'at the idle timeout or the absolute lifetime, whichever comes first',
			table: sessions,
			scope: () => undefined,
			dueAt: () => sql`least(${sessions.expiresAt}, ${sessions.absoluteExpiresAt})`
		},
		sessions.id
	),
	deleting(
		{
			id: 'rate-limits',
			label: 'Counted attempts for rate limits (addresses and account emails)',
			rule: () => `${describe(periods.rateLimits())} after the attempt`,
			table: rateLimitHits,
			scope: () => undefined,
			dueAt: () => after(rateLimitHits.at, periods.rateLimits())
		},
		rateLimitHits.id
	),
	deleting(
		{
			id: 'audit',
			label: 'Audit trail',
			rule: () => `${describe(periods.audit())} after the change`,
			table: auditLog,
			scope: () => undefined,
			dueAt: () => after(auditLog.at, periods.audit())
		},
		auditLog.id
	)
];

/** For the admin page: how many records are due now, and when the next one falls due and how many within 30 days. */
export async function previewKind(executor: Executor, kind: RetentionKind, now: Date) {
	const at = sql`${now.toISOString()}::timestamptz`;
	const dueAt = kind.dueAt();
	const [row] = await executor
		.select({
			dueNow: sql<number>`count(*) filter (where ${dueAt} <= ${at})`.mapWith(Number),
			next: sql<string | null>`min(${dueAt}) filter (where ${dueAt} > ${at})`,
			within30: sql<number>`count(*) filter (where ${dueAt} > ${at} and ${dueAt} <= ${at} + interval '30 days')`.mapWith(Number)
		})
		.from(kind.table)
		.where(kind.scope());
	return { dueNow: row.dueNow, nextDueAt: row.next ? new Date(row.next) : null, dueWithin30Days: row.within30 };
}
