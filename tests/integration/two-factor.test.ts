import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { generateTOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { db } from '$lib/server/db';
import { users } from '$lib/server/db/schema';
import { createSession, validateSessionToken } from '$lib/server/auth/session';
import { enrolTotp, newTotpKey, removeTotp, useRecoveryCode, verifyTotp } from '$lib/server/auth/two-factor';
import { RateLimitedError } from '$lib/server/auth/rate-limit';
import { InputError } from '$lib/server/errors';
import { useTestDatabase } from '../helpers/database';
import { makeUser } from '../helpers/factories';

useTestDatabase();

const codeFor = (key: string) => generateTOTP(decodeBase32IgnorePadding(key), 30, 6);
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
		const full = await verifyTotp(user.id, half.session.id, codeFor(key));
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
		await expect(verifyTotp(user.id, half.session.id, codeFor(key))).rejects.toThrow(RateLimitedError);
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
		await removeTotp(user.id, codeFor(key));
		const [row] = await db.select().from(users).where(eq(users.id, user.id));
		expect(row.totpKey).toBeNull();
	});
});
