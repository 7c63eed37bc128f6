// Subject access and erasure: find everything held about an email address, export it, erase it. Admin only.
import { db } from '$lib/server/db';
import { audit } from '$lib/server/audit';
import { InputError, NotFoundError } from '$lib/server/errors';
import { normaliseAddress } from '$lib/domain/privacy';
import type { SessionUser } from '$lib/server/auth/session';
import { SOURCES } from './registry';
import { addressHash, isSuppressed, suppress, unsuppress } from './suppression';
import type { Subject } from './types';

function assertAdmin(actor: SessionUser) {
	if (actor.role !== 'admin') throw new NotFoundError();
}

/** The audit trail names a request by a short prefix of the keyed hash: never the address. */
const subjectRef = (email: string) => `subject:${addressHash(email).slice(0, 16)}`;

/** What each source holds about the address, for the admin page. */
export async function findSubject(actor: SessionUser, address: string) {
	assertAdmin(actor);
	const email = normaliseAddress(address);
	const sources = [];
	for (const source of SOURCES) {
		const records = await source.find(db, email);
		sources.push({ id: source.id, label: source.label, count: records.length, lines: records.map((r) => source.describe(r)) });
	}
	const suppressed = await isSuppressed(db, email);
	return { email, sources, total: sources.reduce((n, s) => n + s.count, 0), suppressedAt: suppressed?.createdAt ?? null };
}

/** Everything held about the address as one JSON document (the subject access export); the request is audited. */
export async function exportSubject(actor: SessionUser, address: string) {
	assertAdmin(actor);
	const email = normaliseAddress(address);
	const data: Record<string, { label: string; records: unknown[] }> = {};
	for (const source of SOURCES) data[source.id] = { label: source.label, records: await source.find(db, email) };
	await audit(db, { actorId: actor.id, entity: 'privacy', entityId: subjectRef(email), action: 'export' });
	return { format: 'homeward-subject-access', version: 1, subject: email, exportedAt: new Date().toISOString(), sources: data };
}

/**
 * Erases everything held about the address in one transaction: each source deletes or anonymises its records, the
 * sweeps scrub mail and the audit trail, and the address joins the suppression list as a keyed hash. Refused as a
 * whole (nothing changed) when a source objects, e.g. the address is the admin's own account.
 */
export async function eraseSubject(actor: SessionUser, address: string) {
	assertAdmin(actor);
	const email = normaliseAddress(address);
	const subject: Subject = { email, actor, now: new Date(), auditRefs: [], names: [] };
	return db.transaction(async (tx) => {
		for (const source of SOURCES) {
			const reason = await source.refuse?.(tx, subject);
			if (reason) throw new InputError({ _form: reason });
		}
		const counts: Record<string, number> = {};
		for (const source of SOURCES) counts[source.id] = await source.erase(tx, subject);
		await suppress(tx, email);
		// Written after the sweeps, and holding only counts, so the erasure's own record names nobody.
		await audit(tx, { actorId: actor.id, entity: 'privacy', entityId: subjectRef(email), action: 'erase', after: counts });
		return counts;
	});
}

/** Takes the address off the suppression list when its owner asks to come back (audited). */
export async function liftSuppression(actor: SessionUser, address: string) {
	assertAdmin(actor);
	const email = normaliseAddress(address);
	await db.transaction(async (tx) => {
		if (!(await unsuppress(tx, email))) throw new InputError({ _form: 'This address is not on the suppression list.' });
		await audit(tx, { actorId: actor.id, entity: 'privacy', entityId: subjectRef(email), action: 'lift-suppression' });
	});
}

export { isSuppressed, unsuppress, SUPPRESSED_MESSAGE } from './suppression';
