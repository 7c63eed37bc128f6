// Areas (a local engagement) and their members. Every area verb takes the AreaContext the guard produced.
import { and, asc, eq, or, sql } from 'drizzle-orm';
import { db, preparedOnce, type Transaction } from '$lib/server/db';
import { areas, memberships, users, type Area } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { enqueueMail, link } from '$lib/server/mail';
import { config } from '$lib/server/config';
import { ConflictError, InputError, NotFoundError } from '$lib/server/errors';
import { createInvitation } from '$lib/server/auth/invitations';
import { addProgrammeModels } from '$lib/server/models';
import { followArea } from '$lib/server/enquiries';
import {
	areaRoleAtLeast,
	effectiveAreaRole,
	isStaff,
	type AreaRole,
	type AreaStatus
} from '$lib/domain/roles';
import type { SessionUser } from '$lib/server/auth/session';

export interface AreaContext {
	area: Area;
	/** The role the user effectively holds in this area (admins: lead). */
	role: AreaRole;
	user: SessionUser;
}

/** What a read-only verb needs: the area it reads, whoever asks (a member, or a workshop guest of the area's room). */
export type AreaScope = Pick<AreaContext, 'area'>;

// Every area page asks it first.
const areaAccess = preparedOnce((database) =>
	database
		.select({ area: areas, membershipRole: memberships.role })
		.from(areas)
		.leftJoin(memberships, and(eq(memberships.areaId, areas.id), eq(memberships.userId, sql.placeholder('userId'))))
		.where(eq(areas.slug, sql.placeholder('slug')))
		.prepare('area_access')
);

/** The area and the user's effective role in it, or null when the user has no role there. */
export async function findAreaAccess(user: SessionUser, slug: string): Promise<AreaContext | null> {
	const [row] = await areaAccess().execute({ userId: user.id, slug });
	const role = row ? effectiveAreaRole(user.role, row.membershipRole) : null;
	return row && role ? { area: row.area, role, user } : null;
}

export async function loadAreaContext(
	user: SessionUser,
	slug: string,
	minimum: AreaRole
): Promise<AreaContext | null> {
	return withMinimum(await findAreaAccess(user, slug), minimum);
}

export function withMinimum(context: AreaContext | null, minimum: AreaRole) {
	return context && areaRoleAtLeast(context.role, minimum) ? context : null;
}

/** The areas a user can open, with their role in each: all of them for admins. */
export async function listAreasFor(user: SessionUser) {
	const rows = await db
		.select({
			id: areas.id,
			slug: areas.slug,
			name: areas.name,
			policeForce: areas.policeForce,
			status: areas.status,
			membershipRole: memberships.role,
			members: sql<number>`(select count(*) from ${memberships} m where m.area_id = ${areas.id})`.mapWith(Number)
		})
		.from(areas)
		.leftJoin(memberships, and(eq(memberships.areaId, areas.id), eq(memberships.userId, user.id)))
		.where(user.role === 'admin' ? undefined : sql`${memberships.userId} is not null`)
		.orderBy(asc(areas.name));
	return rows.map(({ membershipRole, ...area }) => ({
		...area,
		role: effectiveAreaRole(user.role, membershipRole) as AreaRole
	}));
}

export interface AreaInput {
	name: string;
	policeForce: string;
	localAuthorities: string;
	status: AreaStatus;
	description: string;
}

/** Staff create an area and become its lead. */
export async function createArea(actor: SessionUser, input: AreaInput & { slug: string }) {
	if (!isStaff(actor.role)) throw new NotFoundError();
	return db.transaction(async (tx) => {
		const [taken] = await tx.select({ id: areas.id }).from(areas).where(eq(areas.slug, input.slug));
		if (taken) throw new InputError({ slug: 'Another area already uses this web address. Choose another.' });
		return insertArea(tx, actor, input);
	});
}

/**
 * The one way an area comes to be (the new-area form, a consultation, an enquiry): the acting staff member is its lead
 * and its owner in the partner pipeline, and it starts with the programme's three mental models.
 */
export async function insertArea(tx: Transaction, actor: SessionUser, input: AreaInput & { slug: string; ownerId?: string | null }) {
	const [area] = await tx
		.insert(areas)
		.values({ id: newId(), ...input, ownerId: input.ownerId ?? actor.id, createdBy: actor.id })
		.returning();
	await addLead(tx, actor, area.id);
	await addProgrammeModels(tx, area.id, actor.id);
	await audit(tx, { actorId: actor.id, areaId: area.id, entity: 'area', entityId: area.id, action: 'create', after: area });
	return area;
}

function slugify(text: string) {
	return (
		text
			.toLowerCase()
			.normalize('NFKD')
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 40)
			.replace(/-+$/, '') || 'area'
	);
}

/** A web address made from a name that no area uses yet: "fernhill", else "fernhill-2", "fernhill-3", ... */
export async function freeSlug(tx: Transaction, name: string) {
	const base = slugify(name);
	const taken = await tx
		.select({ slug: areas.slug })
		.from(areas)
		.where(or(eq(areas.slug, base), sql`${areas.slug} like ${base + '-%'}`));
	let slug = base.length >= 3 ? base : `${base}-area`;
	for (let n = 2; taken.some((t) => t.slug === slug); n++) slug = `${base}-${n}`;
	return slug;
}

/** Makes the creator of a new area its lead, audited like any other membership. */
export async function addLead(tx: Transaction, actor: SessionUser, areaId: string) {
	const membership = { areaId, userId: actor.id, role: 'lead' as const };
	await tx.insert(memberships).values(membership);
	await audit(tx, {
		actorId: actor.id,
		areaId,
		entity: 'membership',
		entityId: `${areaId}:${actor.id}`,
		action: 'create',
		after: membership
	});
}

/** Saves the area's details if nobody changed them since `version` was read. */
export async function updateArea(context: AreaContext, input: AreaInput & { planSummary?: string; version: number }) {
	const { version, ...values } = input;
	const now = new Date();
	const moved = values.status !== context.area.status;
	return db.transaction(async (tx) => {
		const [updated] = await tx
			.update(areas)
			.set({ ...values, ...(moved ? { statusSince: now } : {}), updatedAt: now, version: sql`${areas.version} + 1` })
			.where(and(eq(areas.id, context.area.id), eq(areas.version, version)))
			.returning();
		if (!updated) throw new ConflictError();
		await audit(tx, {
			actorId: context.user.id,
			areaId: updated.id,
			entity: 'area',
			entityId: updated.id,
			action: 'update',
			before: context.area,
			after: updated
		});
		// An enquiry that became this area moves along the partner pipeline with it.
		if (moved) await followArea(tx, context.user.id, updated.id, updated.status, now);
		return updated;
	});
}

export function listMembers(context: AreaContext) {
	return db
		.select({
			userId: users.id,
			name: users.name,
			email: users.email,
			organisation: users.organisation,
			globalRole: users.role,
			role: memberships.role,
			disabledAt: users.disabledAt
		})
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(eq(memberships.areaId, context.area.id))
		.orderBy(asc(users.name));
}

/**
 * Gives someone a role in the area. An existing account is added at once and told by email; anyone else gets an
 * invitation to create a partner account.
 */
export async function inviteMember(context: AreaContext, email: string, role: AreaRole) {
	return db.transaction((tx) => grantMembership(tx, context.user, context.area, email, role));
}

/**
 * The membership half of inviting, inside the caller's transaction (also used when an engagement starts from a
 * consultation): adds and tells an existing account, or invites a new one; audited either way.
 */
export async function grantMembership(
	tx: Transaction,
	actor: SessionUser,
	area: Pick<Area, 'id' | 'name' | 'slug'>,
	email: string,
	role: AreaRole
) {
	const [existing] = await tx.select().from(users).where(eq(sql`lower(${users.email})`, email.toLowerCase()));
	if (!existing) {
		await createInvitation(tx, actor, { email, role: 'partner', area: { id: area.id, name: area.name, role } });
		return 'invited' as const;
	}
	const [member] = await tx
		.select()
		.from(memberships)
		.where(and(eq(memberships.areaId, area.id), eq(memberships.userId, existing.id)));
	if (member) throw new InputError({ email: `${existing.name} is already a member of this area.` });
	const membership = { areaId: area.id, userId: existing.id, role };
	await tx.insert(memberships).values(membership);
	await audit(tx, {
		actorId: actor.id,
		areaId: area.id,
		entity: 'membership',
		entityId: `${area.id}:${existing.id}`,
		action: 'create',
		after: membership
	});
	await enqueueMail(tx, {
		to: existing.email,
		kind: 'area-added',
		subject: `You have been added to ${area.name} on ${config.orgName}`,
		text: `${actor.name} added you to the ${area.name} area.\n\n${link(`/app/areas/${area.slug}`)}`
	});
	return 'added' as const;
}

async function membershipFor(tx: Transaction, context: AreaContext, userId: string) {
	// Locks the area's memberships, so two leads demoting each other at once cannot leave the area without one.
	const all = await tx.select().from(memberships).where(eq(memberships.areaId, context.area.id)).for('update');
	const member = all.find((m) => m.userId === userId);
	if (!member) throw new NotFoundError('That person is not a member of this area.');
	return { member, all };
}

function assertAnotherLead(all: { userId: string; role: AreaRole }[], userId: string) {
	const leads = all.filter((m) => m.role === 'lead');
	if (leads.every((l) => l.userId === userId)) {
		throw new InputError({ _form: 'An area needs at least one lead. Make someone else lead first.' });
	}
}

export async function changeMemberRole(context: AreaContext, userId: string, role: AreaRole) {
	await db.transaction(async (tx) => {
		const { member: before, all } = await membershipFor(tx, context, userId);
		if (before.role === role) return;
		if (before.role === 'lead') assertAnotherLead(all, userId);
		await tx
			.update(memberships)
			.set({ role })
			.where(and(eq(memberships.areaId, context.area.id), eq(memberships.userId, userId)));
		await audit(tx, {
			actorId: context.user.id,
			areaId: context.area.id,
			entity: 'membership',
			entityId: `${context.area.id}:${userId}`,
			action: 'update',
			before,
			after: { ...before, role }
		});
	});
}

export async function removeMember(context: AreaContext, userId: string) {
	await db.transaction(async (tx) => {
		const { member: before, all } = await membershipFor(tx, context, userId);
		if (before.role === 'lead') assertAnotherLead(all, userId);
		await tx
			.delete(memberships)
			.where(and(eq(memberships.areaId, context.area.id), eq(memberships.userId, userId)));
		await audit(tx, {
			actorId: context.user.id,
			areaId: context.area.id,
			entity: 'membership',
			entityId: `${context.area.id}:${userId}`,
			action: 'delete',
			before
		});
	});
}
