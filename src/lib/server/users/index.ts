// User administration: admins invite staff, change global roles and disable or re-enable accounts.
import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { users } from '$lib/server/db/schema';
import { audit } from '$lib/server/audit';
import { ConflictError, InputError, NotFoundError } from '$lib/server/errors';
import { createInvitation } from '$lib/server/auth/invitations';
import { invalidateUserSessions, type SessionUser } from '$lib/server/auth/session';
import { GLOBAL_ROLE_LABELS, type GlobalRole } from '$lib/domain/roles';

export function listUsers() {
	return db
		.select({
			id: users.id,
			name: users.name,
			email: users.email,
			organisation: users.organisation,
			role: users.role,
			disabledAt: users.disabledAt,
			createdAt: users.createdAt,
			version: users.version
		})
		.from(users)
		.orderBy(asc(users.name));
}

export async function inviteStaff(actor: SessionUser, email: string, role: Extract<GlobalRole, 'admin' | 'consultant'>) {
	if (actor.role !== 'admin') throw new NotFoundError();
	await db.transaction(async (tx) => {
		const [existing] = await tx.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, email));
		if (existing) throw new InputError({ email: 'An account with this email address already exists.' });
		await createInvitation(tx, actor, { email, role });
	});
}

/** Disabling ends every session of the user at once; enabling lets them sign in again. */
export async function setUserDisabled(actor: SessionUser, userId: string, disabled: boolean) {
	if (actor.role !== 'admin') throw new NotFoundError();
	if (userId === actor.id) throw new InputError({ _form: 'You cannot disable your own account.' });
	await db.transaction(async (tx) => {
		const [before] = await tx.select().from(users).where(eq(users.id, userId));
		if (!before) throw new NotFoundError('No such user.');
		const [after] = await tx
			.update(users)
			.set({ disabledAt: disabled ? new Date() : null, updatedAt: new Date(), version: sql`${users.version} + 1` })
			.where(eq(users.id, userId))
			.returning();
		if (disabled) await invalidateUserSessions(userId, tx);
		await audit(tx, {
			actorId: actor.id,
			entity: 'user',
			entityId: userId,
			action: disabled ? 'disable' : 'enable',
			before,
			after
		});
	});
}

/**
 * Changes a user's global role. An admin cannot change their own role (someone else must), and the last enabled admin
 * cannot be demoted, so that the organisation is never left without anyone who can manage accounts. Sessions carry
 * on: every request reads the role afresh, so the change applies at the user's next click.
 */
export async function changeUserRole(actor: SessionUser, userId: string, role: GlobalRole, version?: number) {
	if (actor.role !== 'admin') throw new NotFoundError();
	if (userId === actor.id) throw new InputError({ role: 'You cannot change your own role: ask another administrator.' });
	return db.transaction(async (tx) => {
		const [before] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
		if (!before) throw new NotFoundError('No such user.');
		if (version !== undefined && before.version !== version) throw new ConflictError();
		if (before.role === role) throw new InputError({ role: `${before.name} is already ${article(role)}.` });
		if (before.role === 'admin') {
			// Locks the other admins' rows too, so two admins demoting each other at once cannot both succeed.
			const others = await tx
				.select({ id: users.id })
				.from(users)
				.where(and(eq(users.role, 'admin'), isNull(users.disabledAt), ne(users.id, userId)))
				.for('update');
			if (others.length === 0) {
				throw new InputError({ role: `${before.name} is the last administrator: make someone else an administrator first.` });
			}
		}
		const [after] = await tx
			.update(users)
			.set({ role, updatedAt: new Date(), version: sql`${users.version} + 1` })
			.where(eq(users.id, userId))
			.returning();
		await audit(tx, { actorId: actor.id, entity: 'user', entityId: userId, action: 'role', before, after });
		return after;
	});
}

function article(role: GlobalRole) {
	const label = GLOBAL_ROLE_LABELS[role].toLowerCase();
	return /^[aeiou]/.test(label) ? `an ${label}` : `a ${label}`;
}
