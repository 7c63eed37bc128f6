// Accounts and invitations. An erased account that authored area work stays as a disabled "former member" so that
// the area's history keeps its shape; everything that identified the person goes.
import { and, eq, isNull, ne, sql, inArray } from 'drizzle-orm';
import {
	availability,
	availabilityOverrides,
	invitations,
	memberships,
	passwordResets,
	presence,
	recoveryCodes,
	sessions,
	users
} from '$lib/server/db/schema';
import { hashPassword } from '$lib/server/auth/password';
import { newToken } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { FORMER_MEMBER, formerMemberEmail } from '$lib/domain/privacy';
import type { PersonalDataSource } from '../types';

const byEmail = (email: string) => eq(sql`lower(${users.email})`, email);

export const accountsSource: PersonalDataSource = {
	id: 'accounts',
	label: 'Accounts',
	async find(db, email) {
		const found = await db
			.select({
				id: users.id,
				name: users.name,
				email: users.email,
				organisation: users.organisation,
				role: users.role,
				twoFactorEnabled: sql<boolean>`${users.totpKey} is not null`,
				disabledAt: users.disabledAt,
				createdAt: users.createdAt
			})
			.from(users)
			.where(byEmail(email));
		if (found.length === 0) return [];
		const areaRoles = await db
			.select({ userId: memberships.userId, areaId: memberships.areaId, role: memberships.role })
			.from(memberships)
			.where(inArray(memberships.userId, found.map((u) => u.id)));
		return found.map((u) => ({ ...u, memberships: areaRoles.filter((m) => m.userId === u.id) }));
	},
	describe: (r) => `${r.name} (${r.role}), account since ${new Date(r.createdAt as Date).toISOString().slice(0, 10)}`,
	async refuse(db, subject) {
		const [user] = await db.select({ id: users.id, role: users.role }).from(users).where(byEmail(subject.email));
		if (!user) return null;
		if (user.id === subject.actor.id) return 'This is your own account: another administrator must erase it.';
		if (user.role === 'admin') {
			const others = await db
				.select({ id: users.id })
				.from(users)
				.where(and(eq(users.role, 'admin'), isNull(users.disabledAt), ne(users.id, user.id)));
			if (others.length === 0) return 'This is the last administrator: make someone else an administrator first.';
		}
		return null;
	},
	async erase(tx, subject) {
		const found = await tx.select().from(users).where(byEmail(subject.email));
		for (const user of found) {
			subject.names.push(user.name);
			subject.auditRefs.push({ entity: 'user', entityId: user.id });
			const areas = await tx.select({ areaId: memberships.areaId }).from(memberships).where(eq(memberships.userId, user.id));
			for (const { areaId } of areas) subject.auditRefs.push({ entity: 'membership', entityId: `${areaId}:${user.id}` });
			// Disabled, unusable password, no authenticator: the row only keeps the area's history pointing somewhere.
			await tx
				.update(users)
				.set({
					name: FORMER_MEMBER,
					email: formerMemberEmail(user.id),
					organisation: '',
					passwordHash: await hashPassword(newToken()),
					totpKey: null,
					disabledAt: user.disabledAt ?? subject.now,
					updatedAt: subject.now,
					version: sql`${users.version} + 1`
				})
				.where(eq(users.id, user.id));
			await tx.delete(sessions).where(eq(sessions.userId, user.id));
			await tx.delete(presence).where(eq(presence.userId, user.id));
			await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
			await tx.delete(passwordResets).where(eq(passwordResets.userId, user.id));
			await tx.delete(memberships).where(eq(memberships.userId, user.id));
			await tx.delete(availabilityOverrides).where(eq(availabilityOverrides.userId, user.id));
			await tx.delete(availability).where(eq(availability.userId, user.id));
			await audit(tx, {
				actorId: subject.actor.id,
				entity: 'user',
				entityId: user.id,
				action: 'erase',
				after: { name: FORMER_MEMBER, disabled: true }
			});
		}
		return found.length;
	}
};

export const invitationsSource: PersonalDataSource = {
	id: 'invitations',
	label: 'Invitations',
	find: (db, email) =>
		db
			.select({ id: invitations.id, email: invitations.email, role: invitations.role, areaId: invitations.areaId, createdAt: invitations.createdAt, expiresAt: invitations.expiresAt, acceptedAt: invitations.acceptedAt })
			.from(invitations)
			.where(eq(sql`lower(${invitations.email})`, email)),
	describe: (r) => `Invitation as ${r.role}${r.acceptedAt ? ', accepted' : ''}`,
	async erase(tx, subject) {
		const gone = await tx.delete(invitations).where(eq(sql`lower(${invitations.email})`, subject.email)).returning({ id: invitations.id });
		for (const { id } of gone) subject.auditRefs.push({ entity: 'invitation', entityId: id });
		return gone.length;
	}
};
