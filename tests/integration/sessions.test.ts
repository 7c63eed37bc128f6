import { afterEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { sessions, users } from '$lib/server/db/schema';
import { createSession, validateSessionToken } from '$lib/server/auth/session';
import { hashToken } from '$lib/server/ids';
import { useTestDatabase } from '../helpers/database';
import { makeUser } from '../helpers/factories';

useTestDatabase();
const DAY = 24 * 60 * 60 * 1000;
const start = new Date('2026-03-01T09:00:00Z').getTime();

afterEach(() => vi.useRealTimers());

function at(ms: number) {
	vi.useFakeTimers({ toFake: ['Date'] });
	vi.setSystemTime(ms);
}

describe('sessions', () => {
	it('stores only the SHA-256 hash of a token of at least 120 bits', async () => {
		const user = await makeUser();
		const { token, session } = await createSession(user.id);
		expect(token.length * 5).toBeGreaterThanOrEqual(120); // base32: 5 bits a character
		const rows = await db.select().from(sessions).where(eq(sessions.userId, user.id));
		expect(rows).toHaveLength(1);
		expect(rows[0].id).toBe(hashToken(token));
		expect(JSON.stringify(rows[0])).not.toContain(token);
		expect(session.id).not.toBe(token);
	});

	it('gives a new token at every sign-in', async () => {
		const user = await makeUser();
		const a = await createSession(user.id);
		const b = await createSession(user.id);
		expect(a.token).not.toBe(b.token);
	});

	it('expires after 7 idle days, and activity slides the idle expiry', async () => {
		const user = await makeUser();
		at(start);
		const { token } = await createSession(user.id);
		at(start + 6 * DAY);
		expect(await validateSessionToken(token)).not.toBeNull(); // activity on day 6
		at(start + 12 * DAY); // 6 idle days after that activity
		expect(await validateSessionToken(token)).not.toBeNull();
		at(start + 19 * DAY + 60_000); // 7 idle days and a minute
		expect(await validateSessionToken(token)).toBeNull();
		expect(await db.select().from(sessions).where(eq(sessions.id, hashToken(token)))).toHaveLength(0);
	});

	it('says when the idle expiry moved, so that the cookie, which expires with it, is sent again', async () => {
		const user = await makeUser();
		at(start);
		const { token, session } = await createSession(user.id);
		at(start + 30 * 60_000); // half an hour on: the expiry stays, and the browser's cookie with it
		const soon = await validateSessionToken(token);
		expect(soon?.slid).toBe(false);
		expect(soon?.session.expiresAt).toEqual(session.expiresAt);
		at(start + 2 * 60 * 60_000); // two hours on: the expiry slides, and the cookie must carry the new one
		const later = await validateSessionToken(token);
		expect(later?.slid).toBe(true);
		expect(later?.session.expiresAt.getTime()).toBe(start + 2 * 60 * 60_000 + 7 * DAY);
	});

	it('ends after 30 days however active the user is', async () => {
		const user = await makeUser();
		at(start);
		const { token } = await createSession(user.id);
		for (let day = 5; day < 30; day += 5) {
			at(start + day * DAY);
			expect(await validateSessionToken(token), `day ${day}`).not.toBeNull();
		}
		at(start + 30 * DAY + 1000);
		expect(await validateSessionToken(token)).toBeNull();
	});

	it('refuses a session whose user has been disabled', async () => {
		const user = await makeUser();
		const { token } = await createSession(user.id);
		await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
		expect(await validateSessionToken(token)).toBeNull();
	});

	it('refuses an unknown token', async () => {
		expect(await validateSessionToken('not-a-real-token')).toBeNull();
	});
});
