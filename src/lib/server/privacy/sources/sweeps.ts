// Sweeps that run after every capability's own source: the address (and the names found beside it) can also sit in
// free text people typed into area work, in mail, in rate-limit keys and in the audit trail's before and after.
import { eq, getTableColumns, or, sql, type AnyColumn } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '$lib/server/db';
import { actionUpdates, actions, areas, auditLog, mapActors, mapHandoffs, mapHistory, mapSnapshots, mapViews, outbox, rateLimitHits, votes } from '$lib/server/db/schema';
import { blankAuditHistory } from '../audit-history';
import { maskMailTokens } from '$lib/domain/mail-links';
import { holds, scrubbableNames, scrubbedJson, scrubbedText } from '../match';
import type { PersonalDataSource, PersonalRecord } from '../types';

interface TextTable {
	name: string;
	table: PgTable;
	id: PgColumn;
	text: AnyColumn[];
	json?: AnyColumn[];
}

/**
 * Free text of area work where someone may have typed an address. The work stays; only the address becomes
 * "[erased]". A capability with free text adds its table here.
 */
const AREA_TEXT: TextTable[] = [
	{ name: 'areas', table: areas, id: areas.id, text: [areas.description] },
	{ name: 'map_actors', table: mapActors, id: mapActors.id, text: [mapActors.name, mapActors.description] },
	{ name: 'map_handoffs', table: mapHandoffs, id: mapHandoffs.id, text: [mapHandoffs.label, mapHandoffs.trigger, mapHandoffs.standard, mapHandoffs.evidence, mapHandoffs.notes] },
	{ name: 'map_snapshots', table: mapSnapshots, id: mapSnapshots.id, text: [mapSnapshots.name], json: [mapSnapshots.data] },
	{ name: 'map_views', table: mapViews, id: mapViews.id, text: [mapViews.name, mapViews.query] },
	{ name: 'map_history', table: mapHistory, id: mapHistory.id, text: [mapHistory.label], json: [mapHistory.steps] },
	{ name: 'actions', table: actions, id: actions.id, text: [actions.title, actions.description] },
	{ name: 'action_updates', table: actionUpdates, id: actionUpdates.id, text: [actionUpdates.body] },
	{ name: 'votes', table: votes, id: votes.id, text: [votes.question] }
];

const mentions = (t: TextTable, email: string) => or(...[...t.text, ...(t.json ?? [])].map((c) => holds(c, email)));

export const areaTextSource: PersonalDataSource = {
	id: 'area-text',
	label: 'Mentions in area work (the address is replaced, the work kept)',
	async find(db: Executor, email) {
		const found: PersonalRecord[] = [];
		for (const t of AREA_TEXT) {
			const rows = await db.select({ id: t.id }).from(t.table).where(mentions(t, email));
			found.push(...rows.map((r) => ({ table: t.name, id: r.id })));
		}
		return found;
	},
	describe: (r) => `Mentioned in ${r.table} ${r.id}`,
	async erase(tx, subject) {
		let count = 0;
		for (const t of AREA_TEXT) {
			const values = Object.fromEntries(
				Object.entries(getTableColumns(t.table)).flatMap(([key, column]) =>
					t.text.includes(column)
						? [[key, scrubbedText(column, subject.email)]]
						: t.json?.includes(column)
							? [[key, scrubbedJson(column, subject.email)]]
							: []
				)
			);
			const rows = await tx.update(t.table).set(values).where(mentions(t, subject.email)).returning({ id: t.id });
			count += rows.length;
		}
		return count;
	}
};

const outboxMentions = (email: string) =>
	or(eq(sql`lower(${outbox.to})`, email), holds(outbox.subject, email), holds(outbox.text, email), holds(outbox.headers, email), holds(outbox.attachments, email));

export const outboxSource: PersonalDataSource = {
	id: 'mail',
	label: 'Mail in the outbox (to the address, or mentioning it)',
	find: (db, email) =>
		db
			.select({ id: outbox.id, to: outbox.to, subject: outbox.subject, text: outbox.text, kind: outbox.kind, status: outbox.status, createdAt: outbox.createdAt, sentAt: outbox.sentAt })
			.from(outbox)
			.where(outboxMentions(email))
			// The export goes to an admin and on to the person: links that still work are masked (see mail-links).
			.then((rows) => rows.map((r) => ({ ...r, text: maskMailTokens(r.text) }))),
	describe: (r) => `${r.kind} mail “${r.subject}” (${r.status})`,
	erase: (tx, subject) => scrubMail(tx, subject.email, subject.names)
};

/**
 * Mail to the address goes, sent or waiting; other mail (to staff, say) keeps its words without the address or the
 * names and numbers given. Used by erasure and by the retention job when it anonymises a booking's lead.
 */
export async function scrubMail(tx: Executor, email: string, names: string[]) {
	const gone = await tx.delete(outbox).where(eq(sql`lower(${outbox.to})`, email.toLowerCase())).returning({ id: outbox.id });
	let count = gone.length;
	for (const value of [email, ...scrubbableNames(names)]) {
		const needle = value.toLowerCase();
		const rows = await tx
			.update(outbox)
			.set({
				subject: scrubbedText(outbox.subject, needle),
				text: scrubbedText(outbox.text, needle),
				headers: scrubbedJson(outbox.headers, needle),
				attachments: scrubbedJson(outbox.attachments, needle)
			})
			.where(or(holds(outbox.subject, needle), holds(outbox.text, needle), holds(outbox.headers, needle), holds(outbox.attachments, needle)))
			.returning({ id: outbox.id });
		count += rows.length;
	}
	return count;
}

export const rateLimitSource: PersonalDataSource = {
	id: 'rate-limits',
	label: 'Counted sign-in and reset attempts',
	find: (db, email) =>
		db.select({ bucket: rateLimitHits.bucket, at: rateLimitHits.at }).from(rateLimitHits).where(eq(sql`lower(${rateLimitHits.key})`, email)),
	describe: (r) => `${r.bucket} attempt`,
	async erase(tx, subject) {
		const gone = await tx.delete(rateLimitHits).where(eq(sql`lower(${rateLimitHits.key})`, subject.email)).returning({ id: rateLimitHits.id });
		return gone.length;
	}
};

export const auditSource: PersonalDataSource = {
	id: 'audit',
	label: 'Audit trail entries (ids kept, personal details blanked)',
	find: (db, email) =>
		db
			.select({ id: auditLog.id, at: auditLog.at, entity: auditLog.entity, entityId: auditLog.entityId, action: auditLog.action, before: auditLog.before, after: auditLog.after })
			.from(auditLog)
			.where(or(holds(auditLog.before, email), holds(auditLog.after, email))),
	describe: (r) => `${r.action} ${r.entity} ${r.entityId}`,
	async erase(tx, subject) {
		let count = 0;
		// The erased records' own history: who they were goes, what happened to them (ids, statuses, times) stays.
		const byEntity = new Map<string, string[]>();
		for (const ref of subject.auditRefs) byEntity.set(ref.entity, [...(byEntity.get(ref.entity) ?? []), ref.entityId]);
		for (const [entity, ids] of byEntity) count += await blankAuditHistory(tx, entity, ids);
		// Anywhere else the address appears (an invitation's row, an area text someone edited): replaced.
		const rows = await tx
			.update(auditLog)
			.set({ before: scrubbedJson(auditLog.before, subject.email), after: scrubbedJson(auditLog.after, subject.email) })
			.where(or(holds(auditLog.before, subject.email), holds(auditLog.after, subject.email)))
			.returning({ id: auditLog.id });
		return count + rows.length;
	}
};
