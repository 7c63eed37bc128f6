import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { auditLog, invitations, memberships, outbox } from '$lib/server/db/schema';
import {
	changeMemberRole,
	createArea,
	inviteMember,
	listAreasFor,
	loadAreaContext,
	removeMember,
	updateArea
} from '$lib/server/areas';
import { ConflictError, InputError, NotFoundError } from '$lib/server/errors';
import { useTestDatabase } from '../helpers/database';
import { addMember, makeArea, makeUser } from '../helpers/factories';

useTestDatabase();

const details = { name: 'Eastwick', policeForce: 'Eastwick Police', localAuthorities: 'Eastwick Council', status: 'active' as const, description: '' };

describe('area access', () => {
	it('gives members their role, admins lead, and everyone else nothing', async () => {
		const area = await makeArea();
		const [partner, outsider, consultant, admin] = await Promise.all([
			makeUser('partner'),
			makeUser('partner'),
			makeUser('consultant'),
			makeUser('admin')
		]);
		await addMember(area.id, partner.id, 'viewer');
		expect((await loadAreaContext(partner, area.slug, 'viewer'))?.role).toBe('viewer');
		expect(await loadAreaContext(partner, area.slug, 'editor')).toBeNull();
		expect(await loadAreaContext(outsider, area.slug, 'viewer')).toBeNull();
		expect(await loadAreaContext(consultant, area.slug, 'viewer')).toBeNull();
		expect((await loadAreaContext(admin, area.slug, 'lead'))?.role).toBe('lead');
		expect(await loadAreaContext(admin, 'no-such-area', 'viewer')).toBeNull();
		expect((await listAreasFor(partner)).map((a) => a.slug)).toEqual([area.slug]);
		expect(await listAreasFor(outsider)).toEqual([]);
	});
});

describe('areas', () => {
	it('lets staff create an area, making them lead, with an audit row', async () => {
		const consultant = await makeUser('consultant');
		const area = await createArea(consultant, { ...details, slug: 'eastwick' });
		expect((await loadAreaContext(consultant, 'eastwick', 'lead'))?.area.id).toBe(area.id);
		const [row] = await db.select().from(auditLog).where(and(eq(auditLog.entity, 'area'), eq(auditLog.entityId, area.id)));
		expect(row).toMatchObject({ action: 'create', actorId: consultant.id, areaId: area.id });
		await expect(createArea(consultant, { ...details, slug: 'eastwick' })).rejects.toThrow(InputError);
	});

	it('refuses area creation to partners', async () => {
		const partner = await makeUser('partner');
		await expect(createArea(partner, { ...details, slug: 'partner-made' })).rejects.toThrow(NotFoundError);
	});

	it('refuses a stale edit instead of overwriting a newer one', async () => {
		const consultant = await makeUser('consultant');
		await createArea(consultant, { ...details, slug: 'stale-test' });
		const first = (await loadAreaContext(consultant, 'stale-test', 'lead'))!;
		const second = (await loadAreaContext(consultant, 'stale-test', 'lead'))!;
		const saved = await updateArea(first, { ...details, name: 'First edit', version: first.area.version });
		expect(saved.version).toBe(first.area.version + 1);
		await expect(updateArea(second, { ...details, name: 'Second edit', version: second.area.version })).rejects.toThrow(ConflictError);
		const now = (await loadAreaContext(consultant, 'stale-test', 'lead'))!;
		expect(now.area.name).toBe('First edit');
		const audits = await db.select().from(auditLog).where(and(eq(auditLog.entityId, now.area.id), eq(auditLog.action, 'update')));
		expect(audits).toHaveLength(1);
		expect(audits[0].before).toMatchObject({ name: 'Eastwick' });
		expect(audits[0].after).toMatchObject({ name: 'First edit' });
	});
});

describe('members', () => {
	it('invites a new address by email and adds an existing account at once', async () => {
		const consultant = await makeUser('consultant');
		const area = await makeArea();
		await addMember(area.id, consultant.id, 'lead');
		const context = (await loadAreaContext(consultant, area.slug, 'lead'))!;
		expect(await inviteMember(context, 'fresh@example.test', 'editor')).toBe('invited');
		const [invitation] = await db.select().from(invitations).where(eq(invitations.email, 'fresh@example.test'));
		expect(invitation).toMatchObject({ areaId: area.id, areaRole: 'editor', role: 'partner' });
		const existing = await makeUser('partner');
		expect(await inviteMember(context, existing.email, 'viewer')).toBe('added');
		const [member] = await db.select().from(memberships).where(eq(memberships.userId, existing.id));
		expect(member.role).toBe('viewer');
		expect(await db.select().from(outbox).where(eq(outbox.to, existing.email))).toHaveLength(1);
		await expect(inviteMember(context, existing.email, 'viewer')).rejects.toThrow(InputError);
	});

	it('keeps at least one lead and refuses a forged member id', async () => {
		const consultant = await makeUser('consultant');
		const area = await makeArea();
		await addMember(area.id, consultant.id, 'lead');
		const context = (await loadAreaContext(consultant, area.slug, 'lead'))!;
		await expect(changeMemberRole(context, consultant.id, 'viewer')).rejects.toThrow(/at least one lead/);
		await expect(removeMember(context, consultant.id)).rejects.toThrow(/at least one lead/);
		const elsewhere = await makeArea();
		const stranger = await makeUser('partner');
		await addMember(elsewhere.id, stranger.id, 'editor');
		await expect(removeMember(context, stranger.id)).rejects.toThrow(NotFoundError);
		const [stillThere] = await db.select().from(memberships).where(eq(memberships.userId, stranger.id));
		expect(stillThere.role).toBe('editor');
	});
});
