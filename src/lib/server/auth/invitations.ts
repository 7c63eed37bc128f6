// Invitations: staff invite people by email; the hashed, single-use link lets the invitee set a name and password.
import { and, eq, gt, isNull } from 'drizzle-orm';
import { db, type Executor } from '$lib/server/db';
import { areas, invitations, memberships, users, type Invitation } from '$lib/server/db/schema';
import { hashToken, newId, newToken } from '$lib/server/ids';
import { enqueueMail, link } from '$lib/server/mail';
import { audit } from '$lib/server/audit';
import { config } from '$lib/server/config';
import { InputError } from '$lib/server/errors';
import type { AreaRole, GlobalRole } from '$lib/domain/roles';
import { COMMON_PASSWORD_MESSAGE, hashPassword, isCommonPassword } from './password';
import { createSession } from './session';
import { isSuppressed, SUPPRESSED_MESSAGE } from '$lib/server/privacy/suppression';

const INVITATION_DAYS = 7;

export interface InvitationInput {
	email: string;
	role: GlobalRole;
	area?: { id: string; name: string; role: AreaRole };
}

/** Creates an invitation and its mail in one transaction; returns the token for the mail only. */
export async function createInvitation(tx: Executor, actor: { id: string; name: string }, input: InvitationInput) {
	// An erased address is not brought back by someone else: only its owner's own opt-in, or an admin lifting it.
	if (await isSuppressed(tx, input.email)) throw new InputError({ email: SUPPRESSED_MESSAGE });
	const token = newToken();
	const id = newId();
	const expiresAt = new Date(Date.now() + INVITATION_DAYS * 24 * 60 * 60 * 1000);
	const row = {
		id,
		tokenHash: hashToken(token),
		email: input.email,
		role: input.role,
		areaId: input.area?.id ?? null,
		areaRole: input.area?.role ?? null,
		invitedBy: actor.id,
		expiresAt
	};
	await tx.insert(invitations).values(row);
	await audit(tx, {
		actorId: actor.id,
		areaId: row.areaId,
		entity: 'invitation',
		entityId: id,
		action: 'create',
		after: row
	});
	// An invitation to an area names the area and where it lives; one to the organisation names it once.
	const where = input.area ? `the ${input.area.name} area on ${config.orgName}` : config.orgName;
	await enqueueMail(tx, {
		to: input.email,
		kind: 'invitation',
		subject: `You are invited to join ${where}`,
		text: [
			`${actor.name} has invited you to join ${where}.`,
			'',
			'Open this link to choose your name and password (it works once and expires in 7 days):',
			link(`/invitation/${token}`),
			'',
			'If you were not expecting this, you can ignore this email.'
		].join('\n')
	});
	return { id, token };
}

/** The usable invitation behind a token, with its area's name; null when unknown, used, revoked or expired. */
export async function findInvitation(token: string) {
	const [row] = await db
		.select({ invitation: invitations, areaName: areas.name })
		.from(invitations)
		.leftJoin(areas, eq(areas.id, invitations.areaId))
		.where(
			and(
				eq(invitations.tokenHash, hashToken(token)),
				isNull(invitations.acceptedAt),
				isNull(invitations.revokedAt),
				gt(invitations.expiresAt, new Date())
			)
		);
	return row ?? null;
}

export interface AcceptInput {
	name: string;
	organisation: string;
	password: string;
}

/** Creates the account (and area membership), spends the invitation and signs the new user in. */
export async function acceptInvitation(token: string, input: AcceptInput) {
	if (isCommonPassword(input.password)) throw new InputError({ password: COMMON_PASSWORD_MESSAGE });
	const found = await findInvitation(token);
	if (!found) throw new InputError({ _form: 'This invitation link has expired or has already been used.' });
	const passwordHash = await hashPassword(input.password);
	return db.transaction(async (tx) => {
		const invitation: Invitation = found.invitation;
		// Spend the token first: a second, concurrent use updates nothing and stops here.
		const spent = await tx
			.update(invitations)
			.set({ acceptedAt: new Date() })
			.where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt)))
			.returning({ id: invitations.id });
		if (spent.length === 0) throw new InputError({ _form: 'This invitation link has already been used.' });
		const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, invitation.email));
		if (existing) throw new InputError({ _form: 'An account with this email address already exists. Sign in instead.' });
		const user = {
			id: newId(),
			email: invitation.email,
			name: input.name,
			organisation: input.organisation,
			role: invitation.role,
			passwordHash
		};
		await tx.insert(users).values(user);
		await audit(tx, { actorId: user.id, entity: 'user', entityId: user.id, action: 'create', after: user });
		if (invitation.areaId && invitation.areaRole) {
			const membership = { areaId: invitation.areaId, userId: user.id, role: invitation.areaRole };
			await tx.insert(memberships).values(membership);
			await audit(tx, {
				actorId: user.id,
				areaId: invitation.areaId,
				entity: 'membership',
				entityId: `${invitation.areaId}:${user.id}`,
				action: 'create',
				after: membership
			});
		}
		const session = await createSession(user.id, tx);
		return { user, ...session };
	});
}

/** Invitations still waiting for an answer, for an area or for the whole organisation (areaId null). */
export function pendingInvitations(areaId: string | null) {
	return db
		.select({
			id: invitations.id,
			email: invitations.email,
			role: invitations.role,
			areaRole: invitations.areaRole,
			expiresAt: invitations.expiresAt,
			createdAt: invitations.createdAt
		})
		.from(invitations)
		.where(
			and(
				areaId ? eq(invitations.areaId, areaId) : isNull(invitations.areaId),
				isNull(invitations.acceptedAt),
				isNull(invitations.revokedAt),
				gt(invitations.expiresAt, new Date())
			)
		)
		.orderBy(invitations.createdAt);
}
