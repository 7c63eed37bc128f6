// Password reset by emailed link and password change; both end every session of the user.
import { and, eq, gt, isNull } from 'drizzle-orm';
import { db, type Transaction } from '$lib/server/db';
import { passwordResets, users } from '$lib/server/db/schema';
import { hashToken, newId, newToken } from '$lib/server/ids';
import { enqueueMail, link } from '$lib/server/mail';
import { audit } from '$lib/server/audit';
import { config } from '$lib/server/config';
import { InputError } from '$lib/server/errors';
import { PASSWORD_CHANGE_PER_ACCOUNT, RESET_PER_ACCOUNT, RESET_PER_ADDRESS } from '$lib/domain/rate-limit';
import { COMMON_PASSWORD_MESSAGE, hashPassword, isCommonPassword, verifyPassword } from './password';
import { countAttempt, forgetAttempt, takeFromWindow } from './rate-limit';
import { createSession, invalidateUserSessions } from './session';
import { findUserByEmail } from './sign-in';

const RESET_MINUTES = 60;

/**
 * Sends a reset link when an active account has this address. Says nothing either way to the caller, so the form
 * cannot be used to find out who has an account.
 */
export async function requestPasswordReset(email: string, address: string) {
	await takeFromWindow('reset:address', address, RESET_PER_ADDRESS);
	await takeFromWindow('reset:account', email, RESET_PER_ACCOUNT);
	const user = await findUserByEmail(email);
	if (!user || user.disabledAt) return;
	const token = newToken();
	await db.transaction(async (tx) => {
		await tx.insert(passwordResets).values({
			id: newId(),
			tokenHash: hashToken(token),
			userId: user.id,
			expiresAt: new Date(Date.now() + RESET_MINUTES * 60 * 1000)
		});
		await enqueueMail(tx, {
			to: user.email,
			kind: 'password-reset',
			subject: `Reset your ${config.orgName} password`,
			text: [
				`Someone asked to reset the password of your ${config.orgName} account.`,
				'',
				'Open this link within an hour to choose a new password (it works once):',
				link(`/reset-password/${token}`),
				'',
				'If it was not you, ignore this email: your password stays as it is.'
			].join('\n')
		});
	});
}

export async function findReset(token: string) {
	const [row] = await db
		.select()
		.from(passwordResets)
		.where(
			and(
				eq(passwordResets.tokenHash, hashToken(token)),
				isNull(passwordResets.usedAt),
				gt(passwordResets.expiresAt, new Date())
			)
		);
	return row ?? null;
}

const EXPIRED = 'This reset link has expired or has already been used. Ask for a new one.';

/** Sets the new password, spends the link, ends every session and opens a fresh one. */
export async function resetPassword(token: string, password: string) {
	if (isCommonPassword(password)) throw new InputError({ password: COMMON_PASSWORD_MESSAGE });
	const reset = await findReset(token);
	if (!reset) throw new InputError({ _form: EXPIRED });
	const passwordHash = await hashPassword(password);
	return db.transaction(async (tx) => {
		const spent = await tx
			.update(passwordResets)
			.set({ usedAt: new Date() })
			.where(and(eq(passwordResets.id, reset.id), isNull(passwordResets.usedAt)))
			.returning({ id: passwordResets.id });
		if (spent.length === 0) throw new InputError({ _form: EXPIRED });
		await setPassword(tx, reset.userId, passwordHash, 'password-reset');
		return createSession(reset.userId, tx);
	});
}

/** Changes the password after checking the current one; every other session ends, this browser gets a new one. */
export async function changePassword(userId: string, current: string, next: string) {
	// A stolen session must not become a way to guess the password behind it.
	const attempt = await countAttempt('password-change', userId, PASSWORD_CHANGE_PER_ACCOUNT);
	const [user] = await db.select().from(users).where(eq(users.id, userId));
	if (!user || !(await verifyPassword(user.passwordHash, current))) {
		throw new InputError({ currentPassword: 'Your current password is not right.' });
	}
	await forgetAttempt(attempt);
	if (isCommonPassword(next)) throw new InputError({ password: COMMON_PASSWORD_MESSAGE });
	const passwordHash = await hashPassword(next);
	return db.transaction(async (tx) => {
		await setPassword(tx, userId, passwordHash, 'password-change');
		// Only a fully signed-in user reaches this, so the new session keeps the second factor already given.
		return createSession(userId, tx, { twoFactorVerified: true });
	});
}

async function setPassword(tx: Transaction, userId: string, passwordHash: string, action: string) {
	await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, userId));
	// Any other reset link still in a mailbox would undo this change for the next hour: spend them all.
	await tx
		.update(passwordResets)
		.set({ usedAt: new Date() })
		.where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
	await invalidateUserSessions(userId, tx);
	await audit(tx, { actorId: userId, entity: 'user', entityId: userId, action });
}
