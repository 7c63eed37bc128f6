// Two-factor sign-in with an authenticator app (TOTP) and single-use recovery codes, in Lucia's design: the password
// opens a session that is not yet verified; the second factor replaces it with a new, verified one.
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { createTOTPKeyURI, verifyHOTP } from '@oslojs/otp';
import { encodeBase32UpperCaseNoPadding, decodeBase32IgnorePadding } from '@oslojs/encoding';
import QRCode from 'qrcode';
import { db } from '$lib/server/db';
import { recoveryCodes, users } from '$lib/server/db/schema';
import { decrypt, encrypt } from '$lib/server/crypto';
import { hashToken, newId, newToken } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { config } from '$lib/server/config';
import { InputError } from '$lib/server/errors';
import { TOTP_RULE } from '$lib/domain/two-factor';
import { RateLimitedError, clearHits, countAttempt, describeWait } from './rate-limit';
import { createSession, invalidateSession, invalidateUserSessions } from './session';

const RECOVERY_CODES = 8;
const WRONG_CODE = 'That code is not right. Check the time on your phone and try the newest code.';
const SPENT_CODE = 'That code has already been used. Wait for the next code from your authenticator and enter that one.';
const STEP_SECONDS = 30;

export function newTotpKey() {
	const key = new Uint8Array(20);
	crypto.getRandomValues(key);
	return encodeBase32UpperCaseNoPadding(key);
}

/** What the set-up page shows: a QR code image and the same key as text for typing in. */
export async function enrolmentPicture(email: string, keyBase32: string) {
	const uri = createTOTPKeyURI(config.orgName, email, decodeBase32IgnorePadding(keyBase32), 30, 6);
	return QRCode.toDataURL(uri, { margin: 1, width: 220, errorCorrectionLevel: 'M' });
}

/**
 * The time-step a code belongs to, allowing one step either side for a phone's clock; null when it matches none.
 * Knowing the step (not only that the code is right) is what lets each code be spent once.
 */
export function matchingStep(key: Uint8Array, code: string, now = Date.now()): number | null {
	const otp = code.replace(/\s/g, '');
	const current = Math.floor(now / 1000 / STEP_SECONDS);
	for (const step of [current - 1, current, current + 1]) {
		if (verifyHOTP(key, BigInt(step), 6, otp)) return step;
	}
	return null;
}

/**
 * Spends a time-step for the account: one conditional UPDATE, so that of two requests carrying the same code exactly
 * one sees its row come back. Codes from that step and any older one are refused from then on (a code seen over a
 * shoulder, or replayed by a second tab, is worthless once used).
 */
async function spendStep(userId: string, step: number) {
	const spent = await db
		.update(users)
		.set({ totpLastStep: step })
		.where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
		.returning({ id: users.id });
	if (spent.length === 0) throw new InputError({ code: SPENT_CODE });
}

async function limited(userId: string, check: () => boolean | Promise<boolean>) {
	// Counted before checking, so codes guessed in parallel all count; a right code clears the count.
	try {
		await countAttempt('two-factor', userId, TOTP_RULE);
	} catch (err) {
		// Whoever guessed may hold the password: say so, and how long, so the real user knows what to do.
		if (err instanceof RateLimitedError) {
			throw new RateLimitedError(
				err.retryAfter,
				`Too many wrong codes for this account, so codes are paused. Try again in ${describeWait(err.retryAfter)}. ` +
					'If the wrong codes were not yours, someone may know your password: change it once you are in, or ask an administrator.'
			);
		}
		throw err;
	}
	if (!(await check())) throw new InputError({ code: WRONG_CODE });
	await clearHits('two-factor', userId);
}

/** Checks a code against the key and spends its time-step; false when the code is wrong. */
async function spendCode(userId: string, key: Uint8Array, code: string) {
	const step = matchingStep(key, code);
	if (step === null) return false;
	await spendStep(userId, step);
	return true;
}

/** Enrols an authenticator after checking a code from it; returns recovery codes (shown once) and a verified session. */
export async function enrolTotp(userId: string, keyBase32: string, code: string) {
	let key: Uint8Array;
	try {
		key = decodeBase32IgnorePadding(keyBase32);
	} catch {
		throw new InputError({ code: 'The set-up key was damaged. Reload the page and scan the new code.' });
	}
	if (key.length !== 20) throw new InputError({ code: 'The set-up key was damaged. Reload the page and scan the new code.' });
	let step: number | null = null;
	await limited(userId, () => (step = matchingStep(key, code)) !== null);
	const codes = Array.from({ length: RECOVERY_CODES }, () => newToken().slice(0, 10));
	const session = await db.transaction(async (tx) => {
		// The enrolling code is spent too: it cannot then finish a sign-in.
		await tx.update(users).set({ totpKey: encrypt(key), totpLastStep: step, updatedAt: new Date() }).where(eq(users.id, userId));
		await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
		await tx.insert(recoveryCodes).values(codes.map((c) => ({ id: newId(), userId, codeHash: hashToken(c) })));
		await audit(tx, { actorId: userId, entity: 'user', entityId: userId, action: 'two-factor-enrol' });
		// Every other session was opened without this factor.
		await invalidateUserSessions(userId, tx);
		return createSession(userId, tx, { twoFactorVerified: true });
	});
	return { codes, ...session };
}

async function totpKeyOf(userId: string) {
	const [user] = await db.select({ totpKey: users.totpKey }).from(users).where(eq(users.id, userId));
	if (!user?.totpKey) throw new InputError({ code: 'No authenticator is set up for this account.' });
	return decrypt(user.totpKey);
}

/** Checks a code from the authenticator and swaps the half-signed-in session for a new, verified one. */
export async function verifyTotp(userId: string, sessionId: string, code: string) {
	const key = await totpKeyOf(userId);
	await limited(userId, () => spendCode(userId, key, code));
	await invalidateSession(sessionId);
	return createSession(userId, db, { twoFactorVerified: true });
}

/** Spends one recovery code instead of a TOTP code; returns the new session and how many codes are left. */
export async function useRecoveryCode(userId: string, sessionId: string, code: string) {
	const normalised = code.trim().toLowerCase().replace(/[\s-]/g, '');
	let spent = false;
	await limited(userId, async () => {
		const used = await db
			.update(recoveryCodes)
			.set({ usedAt: new Date() })
			.where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashToken(normalised)), isNull(recoveryCodes.usedAt)))
			.returning({ id: recoveryCodes.id });
		spent = used.length > 0;
		return spent;
	});
	await invalidateSession(sessionId);
	const left = await db
		.select({ id: recoveryCodes.id })
		.from(recoveryCodes)
		.where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
	await db.transaction((tx) => audit(tx, { actorId: userId, entity: 'user', entityId: userId, action: 'recovery-code-used' }));
	return { left: left.length, ...(await createSession(userId, db, { twoFactorVerified: true })) };
}

/** Removes the authenticator (partners only when staff must use one); a current code proves it is the owner. */
export async function removeTotp(userId: string, code: string) {
	const key = await totpKeyOf(userId);
	await limited(userId, () => spendCode(userId, key, code));
	await db.transaction(async (tx) => {
		await tx.update(users).set({ totpKey: null, totpLastStep: null, updatedAt: new Date() }).where(eq(users.id, userId));
		await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
		await audit(tx, { actorId: userId, entity: 'user', entityId: userId, action: 'two-factor-remove' });
	});
}

export async function unusedRecoveryCodes(userId: string) {
	return (
		await db
			.select({ id: recoveryCodes.id })
			.from(recoveryCodes)
			.where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
	).length;
}
