// Read models for the admin pages: every area at a glance, the audit trail with filters, rate-limit events.
// Admin only: each function checks the actor itself, as the verbs do.
import { and, asc, count, desc, eq, gt, gte, inArray, lt, max, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { db } from '$lib/server/db';
import { areas, auditLog, memberships, rateLimitHits, users } from '$lib/server/db/schema';
import { NotFoundError } from '$lib/server/errors';
import type { SessionUser } from '$lib/server/auth/session';
import { LONGEST_RULE_MS, bucketsOfKind, limitedFor, type KeyKind } from '$lib/domain/admin';

function assertAdmin(actor: SessionUser) {
	if (actor.role !== 'admin') throw new NotFoundError();
}

/** Every area with its number of members and the names of its leads. */
export async function listAllAreas(actor: SessionUser) {
	assertAdmin(actor);
	const rows = await db
		.select({
			id: areas.id,
			slug: areas.slug,
			name: areas.name,
			policeForce: areas.policeForce,
			status: areas.status,
			createdAt: areas.createdAt,
			members: sql<number>`(select count(*) from ${memberships} m where m.area_id = ${areas.id})`.mapWith(Number)
		})
		.from(areas)
		.orderBy(asc(areas.name));
	const leads = await db
		.select({ areaId: memberships.areaId, name: users.name, disabledAt: users.disabledAt })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(eq(memberships.role, 'lead'))
		.orderBy(asc(users.name));
	return rows.map((area) => ({
		...area,
		leads: leads.filter((l) => l.areaId === area.id).map((l) => (l.disabledAt ? `${l.name} (disabled)` : l.name))
	}));
}

export interface AuditFilter {
	areaId?: string;
	actorId?: string;
	entity?: string;
	/** Inclusive start and exclusive end instants. */
	from?: Date;
	to?: Date;
	page: number;
}

export const AUDIT_PAGE_SIZE = 50;

/** One page of the audit trail, newest first, with whatever filters are set, and the choices for the filters. */
export async function queryAudit(actor: SessionUser, filter: AuditFilter) {
	assertAdmin(actor);
	const conditions: SQL[] = [];
	if (filter.areaId) conditions.push(eq(auditLog.areaId, filter.areaId));
	if (filter.actorId) conditions.push(eq(auditLog.actorId, filter.actorId));
	if (filter.entity) conditions.push(eq(auditLog.entity, filter.entity));
	if (filter.from) conditions.push(gte(auditLog.at, filter.from));
	if (filter.to) conditions.push(lt(auditLog.at, filter.to));
	const where = conditions.length ? and(...conditions) : undefined;
	const actorUser = alias(users, 'actor');
	const [rows, [{ total }], entities, areaChoices, actorChoices] = await Promise.all([
		db
			.select({
				id: auditLog.id,
				at: auditLog.at,
				entity: auditLog.entity,
				entityId: auditLog.entityId,
				action: auditLog.action,
				before: auditLog.before,
				after: auditLog.after,
				actorName: actorUser.name,
				areaName: areas.name,
				areaSlug: areas.slug
			})
			.from(auditLog)
			.leftJoin(actorUser, eq(actorUser.id, auditLog.actorId))
			.leftJoin(areas, eq(areas.id, auditLog.areaId))
			.where(where)
			.orderBy(desc(auditLog.at), desc(auditLog.id))
			.limit(AUDIT_PAGE_SIZE)
			.offset((filter.page - 1) * AUDIT_PAGE_SIZE),
		db.select({ total: count() }).from(auditLog).where(where),
		db.selectDistinct({ entity: auditLog.entity }).from(auditLog).orderBy(asc(auditLog.entity)),
		db.select({ id: areas.id, name: areas.name }).from(areas).orderBy(asc(areas.name)),
		db.select({ id: users.id, name: users.name, email: users.email }).from(users).orderBy(asc(users.name))
	]);
	return {
		rows,
		total,
		pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
		choices: { entities: entities.map((e) => e.entity), areas: areaChoices, actors: actorChoices }
	};
}

/**
 * Counted attempts grouped by limit and key over the kept window (a day), most recent first, with the account a key
 * names (an email or a user id) and how long the key is still held back: an account whose codes are being guessed
 * shows as limited here, so an admin can tell the user why they cannot sign in.
 */
export async function listRateLimitEvents(actor: SessionUser, filter: { bucket?: string; kind?: KeyKind }) {
	assertAdmin(actor);
	const conditions: SQL[] = [];
	if (filter.bucket) conditions.push(eq(rateLimitHits.bucket, filter.bucket));
	if (filter.kind) conditions.push(inArray(rateLimitHits.bucket, bucketsOfKind(filter.kind)));
	const now = Date.now();
	const [groups, buckets, recent] = await Promise.all([
		db
			.select({
				bucket: rateLimitHits.bucket,
				key: rateLimitHits.key,
				account: users.email,
				attempts: count(),
				first: sql<Date>`min(${rateLimitHits.at})`.mapWith(rateLimitHits.at),
				last: max(rateLimitHits.at)
			})
			.from(rateLimitHits)
			.leftJoin(users, or(eq(users.id, rateLimitHits.key), eq(sql`lower(${users.email})`, sql`lower(${rateLimitHits.key})`)))
			.where(conditions.length ? and(...conditions) : undefined)
			.groupBy(rateLimitHits.bucket, rateLimitHits.key, users.email)
			.orderBy(desc(max(rateLimitHits.at)))
			.limit(200),
		db.selectDistinct({ bucket: rateLimitHits.bucket }).from(rateLimitHits).orderBy(asc(rateLimitHits.bucket)),
		db
			.select({ bucket: rateLimitHits.bucket, key: rateLimitHits.key, at: rateLimitHits.at })
			.from(rateLimitHits)
			.where(and(gt(rateLimitHits.at, new Date(now - LONGEST_RULE_MS)), ...conditions))
	]);
	const attemptsOf = new Map<string, Date[]>();
	for (const hit of recent) {
		const id = `${hit.bucket}\n${hit.key}`;
		attemptsOf.set(id, [...(attemptsOf.get(id) ?? []), hit.at]);
	}
	return {
		groups: groups.map((g) => ({ ...g, limitedFor: limitedFor(g.bucket, attemptsOf.get(`${g.bucket}\n${g.key}`) ?? [], now) })),
		buckets: buckets.map((b) => b.bucket)
	};
}
