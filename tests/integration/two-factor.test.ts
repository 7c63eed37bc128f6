import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { generateHOTP, generateTOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { db } from '$lib/server/db';
import { users } from '$lib/server/db/schema';
import { createSession, validateSessionToken } from '$lib/server/auth/session';
import { enrolTotp, newTotpKey, removeTotp, useRecoveryCode, verifyTotp } from '$lib/server/auth/two-factor';
import { listRateLimitEvents } from '$lib/server/admin';
import { RateLimitedError } from '$lib/server/auth/rate-limit';
import { InputError } from '$lib/server/errors';
import { useTestDatabase } from '../helpers/database';
import { makeUser } from '../helpers/factories';

useTestDatabase();

const codeFor = (key: string) => generateTOTP(decodeBase32IgnorePadding(key), 30, 6);
/** The code of the step after the current one: accepted (one step of clock drift) even when the current one is spent. */
const stepNow = () => Math.floor(Date.now() / 30_000);
const codeAt = (key: string, step: number) => generateHOTP(decodeBase32IgnorePadding(key), BigInt(step), 6);
const nextCode = (key: string) => codeAt(key, stepNow() + 1);
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

async function enrolled() {
	const user = await makeUser('consultant');
	const key = newTotpKey();
	const result = await enrolTotp(user.id, key, codeFor(key));
	return { user, key, ...result };
}

describe('authenticator enrolment', () => {
	it('stores the key encrypted, gives eight single-use recovery codes and a verified session, ending older ones', async () => {
		const user = await makeUser('consultant');
		const old = await createSession(user.id);
		const key = newTotpKey();
		const result = await enrolTotp(user.id, key, codeFor(key));
		expect(result.codes).toHaveLength(8);
		expect(new Set(result.codes).size).toBe(8);
		const [row] = await db.select().from(users).where(eq(users.id, user.id));
		expect(row.totpKey).toBeTruthy();
		expect(row.totpKey).not.toContain(key);
		expect(Buffer.from(row.totpKey!, 'base64').toString('latin1')).not.toContain(key);
		expect(await validateSessionToken(old.token)).toBeNull();
		const fresh = await validateSessionToken(result.token);
		expect(fresh?.session.twoFactorVerified).toBe(true);
		expect(fresh?.user.twoFactorEnabled).toBe(true);
	});

	it('refuses a wrong code and enrols nothing', async () => {
		const user = await makeUser('consultant');
		const key = newTotpKey();
		await expect(enrolTotp(user.id, key, wrong(codeFor(key)))).rejects.toThrow(InputError);
		const [row] = await db.select().from(users).where(eq(users.id, user.id));
		expect(row.totpKey).toBeNull();
	});
});

describe('the second step of sign-in', () => {
	it('swaps the half-signed-in session for a new verified one', async () => {
		const { user, key } = await enrolled();
		const half = await createSession(user.id);
		expect((await validateSessionToken(half.token))?.session.twoFactorVerified).toBe(false);
		const full = await verifyTotp(user.id, half.session.id, nextCode(key));
		expect(full.token).not.toBe(half.token);
		expect(await validateSessionToken(half.token)).toBeNull();
		expect((await validateSessionToken(full.token))?.session.twoFactorVerified).toBe(true);
	});

	it('refuses wrong codes and then rate limits, even the right code', async () => {
		const { user, key } = await enrolled();
		const half = await createSession(user.id);
		for (let i = 0; i < 5; i++) {
			await expect(verifyTotp(user.id, half.session.id, wrong(codeFor(key)))).rejects.toThrow(InputError);
		}
		await expect(verifyTotp(user.id, half.session.id, nextCode(key))).rejects.toThrow(RateLimitedError);
		expect((await validateSessionToken(half.token))?.session.twoFactorVerified).toBe(false);
	});

	it('accepts each recovery code once', async () => {
		const { user, codes } = await enrolled();
		const half = await createSession(user.id);
		const used = await useRecoveryCode(user.id, half.session.id, codes[0].toUpperCase());
		expect(used.left).toBe(7);
		expect((await validateSessionToken(used.token))?.session.twoFactorVerified).toBe(true);
		const again = await createSession(user.id);
		await expect(useRecoveryCode(user.id, again.session.id, codes[0])).rejects.toThrow(InputError);
	});

	it('removes the authenticator only with a current code', async () => {
		const { user, key } = await enrolled();
		await expect(removeTotp(user.id, wrong(codeFor(key)))).rejects.toThrow(InputError);
		await removeTotp(user.id, nextCode(key));
		const [row] = await db.select().from(users).where(eq(users.id, user.id));
		expect(row.totpKey).toBeNull();
	});
});

describe('each authenticator code works once', () => {
	it('refuses a code already used, and the code that enrolled the authenticator', async () => {
		const user = await makeUser('consultant');
		const key = newTotpKey();
		const enrolStep = stepNow();
		await enrolTotp(user.id, key, codeAt(key, enrolStep));
		const first = await createSession(user.id);
		await expect(verifyTotp(user.id, first.session.id, codeAt(key, enrolStep))).rejects.toThrow(/already been used/);
		const code = nextCode(key);
		await verifyTotp(user.id, first.session.id, code);
		// A second sign-in with the same code (seen over a shoulder, or replayed) gets no session.
		const second = await createSession(user.id);
		await expect(verifyTotp(user.id, second.session.id, code)).rejects.toThrow(/already been used/);
		// Nor does an older code still inside the clock-drift window.
		await expect(verifyTotp(user.id, second.session.id, codeAt(key, enrolStep))).rejects.toThrow(InputError);
		expect((await validateSessionToken(second.token))?.session.twoFactorVerified).toBe(false);
		const [row] = await db.select({ step: users.totpLastStep }).from(users).where(eq(users.id, user.id));
		expect(row.step).toBeGreaterThan(enrolStep);
	});

	it('lets exactly one of two parallel sign-ins with the same code through', async () => {
		const { user, key } = await enrolled();
		const a = await createSession(user.id);
		const b = await createSession(user.id);
		const code = nextCode(key);
		const results = await Promise.allSettled([verifyTotp(user.id, a.session.id, code), verifyTotp(user.id, b.session.id, code)]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(refused.reason).toBeInstanceOf(InputError);
		expect(refused.reason.message).toMatch(/already been used/);
	});

});

describe('codes guessed by someone holding the password', () => {
	it('tells the user how long codes are paused and shows the account as limited to admins', async () => {
		const { user, key } = await enrolled();
		const admin = await makeUser('admin');
		const before = await listRateLimitEvents(admin, { bucket: 'two-factor' });
		expect(before.groups.find((g) => g.key === user.id)).toBeUndefined();
		const half = await createSession(user.id);
		for (let i = 0; i < 5; i++) {
			await expect(verifyTotp(user.id, half.session.id, wrong(nextCode(key)))).rejects.toThrow(InputError);
		}
		const refused = await verifyTotp(user.id, half.session.id, nextCode(key)).catch((err: unknown) => err);
		expect(refused).toBeInstanceOf(RateLimitedError);
		expect((refused as RateLimitedError).message).toMatch(/Too many wrong codes for this account.*Try again in 15 minutes\..*someone may know your password/);
		// Short enough that a guesser cannot shut the owner out for long: at most the rule's window.
		expect((refused as RateLimitedError).retryAfter).toBeLessThanOrEqual(15 * 60);
		const after = await listRateLimitEvents(admin, { bucket: 'two-factor' });
		const row = after.groups.find((g) => g.key === user.id);
		expect(row?.account).toBe(user.email);
		expect(row?.attempts).toBe(5);
		expect(row?.limitedFor).toBeGreaterThan(14 * 60);
	});
});
