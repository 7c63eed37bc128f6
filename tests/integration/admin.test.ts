import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { auditLog, outbox, rateLimitHits, sessions, users } from '$lib/server/db/schema';
import { changeUserRole, setUserDisabled } from '$lib/server/users';
import { listAllAreas, listRateLimitEvents, queryAudit, AUDIT_PAGE_SIZE } from '$lib/server/admin';
import { enqueueMail, resendMail } from '$lib/server/mail';
import { audit } from '$lib/server/audit';
import { createSession, validateSessionToken } from '$lib/server/auth/session';
import { ConflictError, InputError, NotFoundError } from '$lib/server/errors';
import { useTestDatabase } from '../helpers/database';
import { addMember, makeArea, makeUser } from '../helpers/factories';

useTestDatabase();

describe('changing a global role', () => {
	it('promotes a consultant to admin and back, each change audited, and the session sees it at once', async () => {
		const admin = await makeUser('admin');
		const user = await makeUser('consultant');
		const { token } = await createSession(user.id);
		const promoted = await changeUserRole(admin, user.id, 'admin');
		expect(promoted.role).toBe('admin');
		expect((await validateSessionToken(token))?.user.role).toBe('admin');
		await changeUserRole(admin, user.id, 'partner');
		expect((await validateSessionToken(token))?.user.role).toBe('partner');
		const rows = await db.select().from(auditLog).where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, 'role')));
		expect(rows.map((r) => [(r.before as { role: string }).role, (r.after as { role: string }).role])).toEqual(
			expect.arrayContaining([['consultant', 'admin'], ['admin', 'partner']])
		);
		expect(rows.every((r) => r.actorId === admin.id && !('passwordHash' in (r.after as object)))).toBe(true);
	});

	it('refuses to change your own role', async () => {
		const admin = await makeUser('admin');
		await makeUser('admin');
		await expect(changeUserRole(admin, admin.id, 'consultant')).rejects.toThrow(/own role/);
		const [row] = await db.select().from(users).where(eq(users.id, admin.id));
		expect(row.role).toBe('admin');
	});

	it('refuses to demote the last enabled administrator', async () => {
		// Every other admin in this database is disabled, so `last` is the only one left.
		const actor = await makeUser('admin');
		const last = await makeUser('admin');
		const admins = await db.select({ id: users.id }).from(users).where(eq(users.role, 'admin'));
		for (const { id } of admins) if (id !== last.id && id !== actor.id) await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, id));
		// The actor demotes themselves out of the way through another admin, then cannot demote `last`.
		await changeUserRole(last, actor.id, 'consultant');
		const error = await changeUserRole({ ...actor, role: 'admin' }, last.id, 'consultant').catch((e) => e);
		expect(error).toBeInstanceOf(InputError);
		expect((error as InputError).errors.role).toMatch(/last administrator/);
		const [row] = await db.select().from(users).where(eq(users.id, last.id));
		expect(row.role).toBe('admin');
	});

	it('refuses a stale version and a non-admin, changing nothing', async () => {
		const admin = await makeUser('admin');
		const consultant = await makeUser('consultant');
		const user = await makeUser('partner');
		await expect(changeUserRole(admin, user.id, 'consultant', 99)).rejects.toThrow(ConflictError);
		await expect(changeUserRole(consultant, user.id, 'admin')).rejects.toThrow(NotFoundError);
		const [row] = await db.select().from(users).where(eq(users.id, user.id));
		expect(row.role).toBe('partner');
	});
});

describe('disabling', () => {
	it('ends every session of the user at once', async () => {
		const admin = await makeUser('admin');
		const user = await makeUser('partner');
		const a = await createSession(user.id);
		const b = await createSession(user.id);
		await setUserDisabled(admin, user.id, true);
		expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
		expect(await validateSessionToken(a.token)).toBeNull();
		expect(await validateSessionToken(b.token)).toBeNull();
	});
});

describe('areas overview', () => {
	it('lists every area with its member count and leads, to admins only', async () => {
		const admin = await makeUser('admin');
		const lead = await makeUser('consultant');
		const partner = await makeUser('partner');
		const area = await makeArea();
		await addMember(area.id, lead.id, 'lead');
		await addMember(area.id, partner.id, 'editor');
		const row = (await listAllAreas(admin)).find((a) => a.id === area.id);
		expect(row).toMatchObject({ members: 2, leads: [lead.name] });
		await expect(listAllAreas(lead)).rejects.toThrow(NotFoundError);
	});
});

describe('resending mail', () => {
	it('queues a failed mail again with fresh attempts; refuses pending mail and non-admins', async () => {
		const admin = await makeUser('admin');
		const consultant = await makeUser('consultant');
		const id = await enqueueMail(db, { to: 'someone@example.test', subject: 'Hello', text: 'Body', kind: 'test' });
		await expect(resendMail(admin, id)).rejects.toThrow(InputError);
		await db.update(outbox).set({ status: 'failed', attempts: 10, lastError: 'refused' }).where(eq(outbox.id, id));
		await expect(resendMail(consultant, id)).rejects.toThrow(NotFoundError);
		await resendMail(admin, id);
		const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
		expect(row).toMatchObject({ status: 'pending', attempts: 0, lastError: null });
		expect(row.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
		const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'resend')));
		expect(JSON.stringify(entry)).not.toContain('someone@example.test');
	});
});

describe('audit log viewer', () => {
	it('filters by area, user, entity and London dates, and pages', async () => {
		const admin = await makeUser('admin');
		const actor = await makeUser('consultant');
		const area = await makeArea();
		const at = (iso: string) => new Date(iso);
		await db.insert(auditLog).values([
			{ actorId: actor.id, areaId: area.id, entity: 'widget', entityId: 'w1', action: 'create', after: { name: 'A' }, at: at('2026-03-28T23:30:00Z') },
			{ actorId: actor.id, areaId: area.id, entity: 'widget', entityId: 'w1', action: 'update', before: { name: 'A' }, after: { name: 'B' }, at: at('2026-03-29T23:30:00Z') },
			{ actorId: admin.id, areaId: null, entity: 'gadget', entityId: 'g1', action: 'create', after: {}, at: at('2026-03-29T12:00:00Z') }
		]);
		const ids = async (filter: Parameters<typeof queryAudit>[1]) => (await queryAudit(admin, filter)).rows.map((r) => `${r.entity}:${r.action}`);
		expect(await ids({ areaId: area.id, page: 1 })).toEqual(['widget:update', 'widget:create']);
		expect(await ids({ actorId: admin.id, entity: 'gadget', page: 1 })).toEqual(['gadget:create']);
		// 29 March 2026 in London: 00:00 GMT to 00:00 BST (23:00 UTC), so 23:30 UTC on the 29th is already the 30th.
		expect(await ids({ areaId: area.id, from: at('2026-03-29T00:00:00Z'), to: at('2026-03-29T23:00:00Z'), page: 1 })).toEqual([]);
		const page = await queryAudit(admin, { entity: 'widget', page: 1 });
		expect(page.rows[0].before).toEqual({ name: 'A' });
		expect(page.rows[0].after).toEqual({ name: 'B' });
		expect(page.choices.entities).toEqual(expect.arrayContaining(['widget', 'gadget']));

		await db.insert(auditLog).values(
			Array.from({ length: AUDIT_PAGE_SIZE + 5 }, (_, i) => ({ actorId: actor.id, entity: 'bulk', entityId: `b${i}`, action: 'create', at: new Date(Date.UTC(2026, 0, 1, 0, i)) }))
		);
		const first = await queryAudit(admin, { entity: 'bulk', page: 1 });
		const second = await queryAudit(admin, { entity: 'bulk', page: 2 });
		expect([first.total, first.pages, first.rows.length, second.rows.length]).toEqual([AUDIT_PAGE_SIZE + 5, 2, AUDIT_PAGE_SIZE, 5]);
		expect(second.rows.at(-1)?.entityId).toBe('b0');
		await expect(queryAudit(actor, { page: 1 })).rejects.toThrow(NotFoundError);
	});

	it('a verb writes its audit row with the actor and area the filters use', async () => {
		const admin = await makeUser('admin');
		const area = await makeArea();
		await audit(db, { actorId: admin.id, areaId: area.id, entity: 'probe', entityId: 'p', action: 'touch' });
		expect((await queryAudit(admin, { areaId: area.id, actorId: admin.id, page: 1 })).rows).toHaveLength(1);
	});
});

describe('rate-limit events', () => {
	it('groups attempts by limit and key and filters by key kind', async () => {
		const admin = await makeUser('admin');
		await db.insert(rateLimitHits).values([
			{ bucket: 'sign-in:address', key: '192.0.2.1' },
			{ bucket: 'sign-in:address', key: '192.0.2.1' },
			{ bucket: 'sign-in:account', key: 'target@example.test' }
		]);
		const all = await listRateLimitEvents(admin, {});
		expect(all.groups.find((g) => g.key === '192.0.2.1')?.attempts).toBe(2);
		const accounts = await listRateLimitEvents(admin, { kind: 'account' });
		expect(accounts.groups.map((g) => g.key)).toContain('target@example.test');
		expect(accounts.groups.map((g) => g.key)).not.toContain('192.0.2.1');
		const oneBucket = await listRateLimitEvents(admin, { bucket: 'sign-in:address' });
		expect(oneBucket.groups.every((g) => g.bucket === 'sign-in:address')).toBe(true);
		await expect(listRateLimitEvents(await makeUser('consultant'), {})).rejects.toThrow(NotFoundError);
	});
});
