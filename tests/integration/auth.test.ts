import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { auditLog, memberships, outbox, sessions, users } from '$lib/server/db/schema';
import { signIn } from '$lib/server/auth/sign-in';
import { validateSessionToken } from '$lib/server/auth/session';
import { changePassword, requestPasswordReset, resetPassword } from '$lib/server/auth/passwords';
import { acceptInvitation, createInvitation, findInvitation } from '$lib/server/auth/invitations';
import { setUserDisabled } from '$lib/server/users';
import { InputError } from '$lib/server/errors';
import { RateLimitedError } from '$lib/server/auth/rate-limit';
import { useTestDatabase } from '../helpers/database';
import { PASSWORD, makeArea, makeUser } from '../helpers/factories';

useTestDatabase();

const tokenFromMail = async (to: string, kind: string) => {
	const [mail] = await db
		.select()
		.from(outbox)
		.where(and(eq(outbox.to, to), eq(outbox.kind, kind)));
	const match = mail.text.match(/\/(?:invitation|reset-password)\/([a-z0-9]+)/);
	return match![1];
};

describe('passwords', () => {
	it('stores argon2id hashes with m=19456, t=2, p=1', async () => {
		const user = await makeUser();
		const [row] = await db.select().from(users).where(eq(users.id, user.id));
		expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
	});

	it('signs in with the right password and refuses a wrong one with one message', async () => {
		const user = await makeUser();
		const ok = await signIn(user.email, PASSWORD, '192.0.2.1');
		expect(ok.user.id).toBe(user.id);
		await expect(signIn(user.email, 'wrong password', '192.0.2.1')).rejects.toThrow(InputError);
		await expect(signIn('nobody@example.test', PASSWORD, '192.0.2.1')).rejects.toThrow(
			'The email address or password is not right.'
		);
	});

	it('refuses the 11th failed sign-in from one address within a minute with a wait', async () => {
		for (let i = 0; i < 10; i++) {
			await expect(signIn(`nobody${i}@example.test`, 'wrong', '198.51.100.7')).rejects.toThrow(InputError);
		}
		const user = await makeUser();
		const err = await signIn(user.email, PASSWORD, '198.51.100.7').catch((e) => e);
		expect(err).toBeInstanceOf(RateLimitedError);
		expect(err.retryAfter).toBeGreaterThan(0);
		expect(err.retryAfter).toBeLessThanOrEqual(60);
		// Another address is not affected.
		expect((await signIn(user.email, PASSWORD, '198.51.100.8')).user.id).toBe(user.id);
	});

	it('counts guesses sent all at once: no more than ten get an answer', async () => {
		const results = await Promise.allSettled(
			Array.from({ length: 25 }, (_, i) => signIn(`burst${i}@example.test`, 'wrong', '198.51.100.77'))
		);
		const answered = results.filter((r) => r.status === 'rejected' && r.reason instanceof InputError).length;
		const limited = results.filter((r) => r.status === 'rejected' && r.reason instanceof RateLimitedError).length;
		expect(answered + limited).toBe(25);
		// Whatever the burst got, the minute holds ten answered failures in all, never more.
		let more = 0;
		while ((await signIn(`after${more}@example.test`, 'wrong', '198.51.100.77').catch((e) => e)) instanceof InputError) more++;
		expect(answered + more).toBe(10);
	});

	it('delays an account after repeated failures from many addresses', async () => {
		const user = await makeUser();
		for (let i = 0; i < 10; i++) {
			await expect(signIn(user.email, 'wrong', `203.0.113.${i}`)).rejects.toThrow(InputError);
		}
		await expect(signIn(user.email, PASSWORD, '203.0.113.99')).rejects.toThrow(RateLimitedError);
	});

	it('ends every session when the password changes, and opens a new one for this browser', async () => {
		const user = await makeUser();
		const a = await signIn(user.email, PASSWORD, '192.0.2.2');
		const b = await signIn(user.email, PASSWORD, '192.0.2.3');
		await expect(changePassword(user.id, 'not my password', 'a brand new passphrase')).rejects.toThrow(InputError);
		expect(await validateSessionToken(a.token)).not.toBeNull();
		const fresh = await changePassword(user.id, PASSWORD, 'a brand new passphrase');
		expect(await validateSessionToken(a.token)).toBeNull();
		expect(await validateSessionToken(b.token)).toBeNull();
		expect(await validateSessionToken(fresh.token)).not.toBeNull();
		await expect(signIn(user.email, 'a brand new passphrase', '192.0.2.2')).resolves.toBeTruthy();
		const audited = await db.select().from(auditLog).where(eq(auditLog.entityId, user.id));
		expect(audited.map((a) => a.action)).toContain('password-change');
	});

	it('limits guesses at the current password from a signed-in session', async () => {
		const user = await makeUser();
		for (let i = 0; i < 5; i++) {
			await expect(changePassword(user.id, `guess ${i}`, 'a brand new passphrase')).rejects.toThrow(InputError);
		}
		await expect(changePassword(user.id, PASSWORD, 'a brand new passphrase')).rejects.toThrow(RateLimitedError);
	});

	it('refuses a common password', async () => {
		const user = await makeUser();
		const err = await changePassword(user.id, PASSWORD, 'Password123').catch((e) => e);
		expect(err).toBeInstanceOf(InputError);
		expect(err.errors.password).toMatch(/commonly used/);
	});
});

describe('password reset', () => {
	it('emails a single-use link that ends every session', async () => {
		const user = await makeUser();
		const before = await signIn(user.email, PASSWORD, '192.0.2.10');
		await requestPasswordReset(user.email, '192.0.2.10');
		const token = await tokenFromMail(user.email, 'password-reset');
		const after = await resetPassword(token, 'reset to this passphrase');
		expect(await validateSessionToken(before.token)).toBeNull();
		expect(await validateSessionToken(after.token)).not.toBeNull();
		await expect(resetPassword(token, 'and again another one')).rejects.toThrow(/expired or has already been used/);
	});

	it('sends nothing for an unknown address and says nothing about it', async () => {
		await expect(requestPasswordReset('ghost@example.test', '192.0.2.11')).resolves.toBeUndefined();
		expect(await db.select().from(outbox).where(eq(outbox.to, 'ghost@example.test'))).toHaveLength(0);
	});

	it('refuses a link older than an hour', async () => {
		const user = await makeUser();
		await requestPasswordReset(user.email, '192.0.2.12');
		const token = await tokenFromMail(user.email, 'password-reset');
		const { passwordResets } = await import('$lib/server/db/schema');
		await db.update(passwordResets).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(passwordResets.userId, user.id));
		await expect(resetPassword(token, 'too late a passphrase')).rejects.toThrow(InputError);
	});
});

/** Every reset token mailed to `to` so far; the newest is the one not in `seen`. */
const newResetToken = async (to: string, seen: string[] = []) => {
	const mails = await db.select().from(outbox).where(and(eq(outbox.to, to), eq(outbox.kind, 'password-reset')));
	const tokens = mails.map((m) => m.text.match(/\/reset-password\/([a-z0-9]+)/)![1]);
	return tokens.find((t) => !seen.includes(t))!;
};

describe('password reset links work once and expire', () => {
	it('keeps only a hash of the link, valid for an hour', async () => {
		const user = await makeUser();
		const asked = Date.now();
		await requestPasswordReset(user.email, '192.0.2.20');
		const token = await tokenFromMail(user.email, 'password-reset');
		const { passwordResets } = await import('$lib/server/db/schema');
		const [row] = await db.select().from(passwordResets).where(eq(passwordResets.userId, user.id));
		expect(JSON.stringify(row)).not.toContain(token);
		expect(row.expiresAt.getTime() - asked).toBeGreaterThan(59 * 60_000);
		expect(row.expiresAt.getTime() - asked).toBeLessThanOrEqual(61 * 60_000);
	});

	it('lets exactly one of two parallel uses of one link set the password', async () => {
		const user = await makeUser();
		await requestPasswordReset(user.email, '192.0.2.21');
		const token = await tokenFromMail(user.email, 'password-reset');
		const results = await Promise.allSettled([resetPassword(token, 'first parallel passphrase'), resetPassword(token, 'second parallel passphrase')]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(refused.reason.message).toMatch(/expired or has already been used/);
	});

	it('an expired link changes nothing: the old password still signs in', async () => {
		const user = await makeUser();
		await requestPasswordReset(user.email, '192.0.2.22');
		const token = await tokenFromMail(user.email, 'password-reset');
		const { passwordResets } = await import('$lib/server/db/schema');
		await db.update(passwordResets).set({ expiresAt: new Date(Date.now() - 1) }).where(eq(passwordResets.userId, user.id));
		await expect(resetPassword(token, 'too late a passphrase')).rejects.toThrow(/expired or has already been used/);
		await expect(signIn(user.email, PASSWORD, '192.0.2.22')).resolves.toBeTruthy();
		await expect(signIn(user.email, 'too late a passphrase', '192.0.2.22')).rejects.toThrow(InputError);
	});

	it('a reset or a password change spends every other link still in the mailbox', async () => {
		const user = await makeUser();
		await requestPasswordReset(user.email, '192.0.2.23');
		const older = await newResetToken(user.email);
		await requestPasswordReset(user.email, '192.0.2.23');
		const newer = await newResetToken(user.email, [older]);
		expect(newer).toBeTruthy();
		await resetPassword(newer, 'the newer link was used');
		await expect(resetPassword(older, 'the older link was used')).rejects.toThrow(/expired or has already been used/);

		await requestPasswordReset(user.email, '192.0.2.23');
		const pending = await newResetToken(user.email, [older, newer]);
		await changePassword(user.id, 'the newer link was used', 'changed while signed in');
		await expect(resetPassword(pending, 'the pending link was used')).rejects.toThrow(/expired or has already been used/);
	});
});

describe('invitations', () => {
	it('creates the account and area membership once, and the link cannot be reused', async () => {
		const consultant = await makeUser('consultant');
		const area = await makeArea();
		const { token } = await db.transaction((tx) =>
			createInvitation(tx, consultant, { email: 'newcomer@example.test', role: 'partner', area: { id: area.id, name: area.name, role: 'editor' } })
		);
		const [stored] = await db.select().from(outbox).where(eq(outbox.to, 'newcomer@example.test'));
		expect(stored.text).toContain(`/invitation/${token}`);
		expect(await findInvitation(token)).not.toBeNull();
		const { user } = await acceptInvitation(token, { name: 'New Comer', organisation: 'Testshire Council', password: 'a long enough phrase' });
		const [member] = await db.select().from(memberships).where(eq(memberships.userId, user.id));
		expect(member).toMatchObject({ areaId: area.id, role: 'editor' });
		await expect(acceptInvitation(token, { name: 'Again', organisation: '', password: 'a long enough phrase' })).rejects.toThrow(InputError);
		expect(await findInvitation(token)).toBeNull();
	});

	it('names the organisation once when inviting to it, and the area with where it lives', async () => {
		const consultant = await makeUser('consultant');
		const area = await makeArea();
		const { config } = await import('$lib/server/config');
		await db.transaction((tx) => createInvitation(tx, consultant, { email: 'staffer@example.test', role: 'consultant' }));
		await db.transaction((tx) =>
			createInvitation(tx, consultant, { email: 'partner@example.test', role: 'partner', area: { id: area.id, name: area.name, role: 'viewer' } })
		);
		const [staff] = await db.select().from(outbox).where(eq(outbox.to, 'staffer@example.test'));
		expect(staff.subject).toBe(`You are invited to join ${config.orgName}`);
		expect(staff.text).toContain(`${consultant.name} has invited you to join ${config.orgName}.`);
		expect(staff.text).not.toContain(`${config.orgName} on ${config.orgName}`);
		const [partner] = await db.select().from(outbox).where(eq(outbox.to, 'partner@example.test'));
		expect(partner.subject).toBe(`You are invited to join the ${area.name} area on ${config.orgName}`);
	});

	it('refuses an expired invitation and creates nothing', async () => {
		const consultant = await makeUser('consultant');
		const { invitations } = await import('$lib/server/db/schema');
		const { token, id } = await db.transaction((tx) => createInvitation(tx, consultant, { email: 'late@example.test', role: 'partner' }));
		await db.update(invitations).set({ expiresAt: new Date(Date.now() - 1) }).where(eq(invitations.id, id));
		await expect(acceptInvitation(token, { name: 'Late', organisation: '', password: 'a long enough phrase' })).rejects.toThrow(InputError);
		expect(await db.select().from(users).where(eq(users.email, 'late@example.test'))).toHaveLength(0);
	});
});

describe('disabling a user', () => {
	it('ends their sessions at once and stops them signing in, with an audit row', async () => {
		const admin = await makeUser('admin');
		const user = await makeUser();
		const { token } = await signIn(user.email, PASSWORD, '192.0.2.20');
		await setUserDisabled(admin, user.id, true);
		expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
		expect(await validateSessionToken(token)).toBeNull();
		await expect(signIn(user.email, PASSWORD, '192.0.2.20')).rejects.toThrow(InputError);
		const [row] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, 'disable')));
		expect(row.actorId).toBe(admin.id);
		expect(row.before).not.toHaveProperty('passwordHash');
	});

	it('is refused to anyone but an admin', async () => {
		const consultant = await makeUser('consultant');
		const user = await makeUser();
		await expect(setUserDisabled(consultant, user.id, true)).rejects.toThrow();
	});
});
