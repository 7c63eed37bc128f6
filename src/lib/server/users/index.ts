// User administration: admins invite staff and disable or re-enable accounts.
import { asc, eq, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { users } from '$lib/server/db/schema';
import { audit } from '$lib/server/audit';
import { InputError, NotFoundError } from '$lib/server/errors';
import { createInvitation } from '$lib/server/auth/invitations';
import { invalidateUserSessions, type SessionUser } from '$lib/server/auth/session';
import type { GlobalRole } from '$lib/domain/roles';

export function listUsers() {
	return db
		.select({
			id: users.id,
			name: users.name,
			email: users.email,
			organisation: users.organisation,
			role: users.role,
			disabledAt: users.disabledAt,
			createdAt: users.createdAt
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
