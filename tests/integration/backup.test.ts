// Area backup and restore: the demo area survives a round trip unchanged, and a bad or altered file imports nothing.
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { db } from '$lib/server/db';
import { actions, areas, mapActors } from '$lib/server/db/schema';
import { seedDemo } from '$lib/server/seed';
import { loadAreaContext } from '$lib/server/areas';
import { createActor, deleteActor, pinActor, saveSnapshot } from '$lib/server/map';
import { exportArea, importArea } from '$lib/server/backup';
import { canonicalJson } from '$lib/domain/backup';
import { InputError, NotFoundError } from '$lib/server/errors';
import type { SessionUser } from '$lib/server/auth/session';
import { useTestDatabase } from '../helpers/database';
import { makeUser } from '../helpers/factories';

useTestDatabase();

/** The file as it is written, without the two fields the round trip documents as differing. */
const comparable = (backup: object) => {
	const { exportedAt: _at, checksum: _sum, ...rest } = backup as Record<string, unknown>;
	return JSON.stringify(rest, null, 2);
};
const resign = (file: Record<string, unknown>) => {
	const { checksum: _old, ...payload } = file;
	return { ...file, checksum: `sha256:${createHash('sha256').update(canonicalJson(payload)).digest('hex')}` };
};
const areaCount = async () => (await db.select({ id: areas.id }).from(areas)).length;

describe('area backup and restore', () => {
	let admin: SessionUser;

	it('exports the demo area, imports it as a new area, and exports it again the same', async () => {
		await seedDemo('demo pass 2026', 'S3KWTBZAR36TTEMO2IYBVJ3AVHILPYVW');
		admin = await makeUser('admin');
		// A pinned actor, and a snapshot holding an actor since deleted: both must survive.
		const context = (await loadAreaContext(admin, 'northbrook', 'lead'))!;
		const gone = await createActor(context, { name: 'Temporary panel', sector: 'multi_agency', kind: 'organisation', audience: 'both', description: '' });
		await saveSnapshot(context, 'Before the panel closed');
		await deleteActor(context, { id: gone.id, version: gone.version });
		const [first] = await db.select().from(mapActors).where(eq(mapActors.areaId, context.area.id)).limit(1);
		await pinActor(context, first.id, { x: 120.5, y: 300.25 });

		const original = await exportArea(admin, 'northbrook');
		expect(original.map.actors.length).toBeGreaterThan(5);
		expect(original.map.snapshots.length).toBeGreaterThanOrEqual(2);
		const planned = await db.select({ id: actions.id }).from(actions).where(eq(actions.areaId, context.area.id));
		expect(original.actions.length).toBe(planned.length);
		expect(planned.length).toBeGreaterThan(3);
		expect(original.map.snapshots.some((s) => s.actors.some((a) => a.name === 'Temporary panel'))).toBe(true);

		const text = JSON.stringify(original);
		const restored = await importArea(admin, text, 'northbrook-copy');
		expect(restored.name).toBe('Northbrook');
		const again = await exportArea(admin, 'northbrook-copy');
		expect(comparable(again)).toBe(comparable(original));
		expect(again.checksum).not.toBe('');
	});

	it('refuses a changed, damaged, unknown-version or inconsistent file, importing nothing', async () => {
		const file = JSON.parse(JSON.stringify(await exportArea(admin, 'northbrook')));
		const before = await areaCount();
		const refused = async (text: string, message: RegExp) => {
			const error = await importArea(admin, text, `attempt-${before}`).catch((e) => e);
			expect(error).toBeInstanceOf(InputError);
			expect(Object.values((error as InputError).errors).join(' ')).toMatch(message);
		};

		const tampered = structuredClone(file);
		tampered.map.actors[0].name = 'Someone else entirely';
		await refused(JSON.stringify(tampered), /checksum does not match/);
		await refused(JSON.stringify(file).slice(0, -20), /not JSON/);
		await refused(JSON.stringify({ ...file, version: 99 }), /version 99/);
		await refused(JSON.stringify({ ...file, format: 'something-else' }), /not a Homeward area backup/);
		// Consistent checksums but references that do not hold: an attacker re-signing cannot smuggle bad links in.
		const dangling = structuredClone(file);
		dangling.map.handoffs[0].to = 'a999';
		await refused(JSON.stringify(resign(dangling)), /names an actor that is not in the file/);
		const duplicate = structuredClone(file);
		duplicate.map.actors[1].name = duplicate.map.actors[0].name;
		await refused(JSON.stringify(resign(duplicate)), /breaks a rule/);
		expect(await areaCount()).toBe(before);
		await expect(importArea(admin, JSON.stringify(file), 'northbrook')).rejects.toThrow(InputError);
		expect(await areaCount()).toBe(before);
	});

	it('is for admins only', async () => {
		const consultant = await makeUser('consultant');
		await expect(exportArea(consultant, 'northbrook')).rejects.toThrow(NotFoundError);
		const file = JSON.stringify(await exportArea(admin, 'northbrook'));
		await expect(importArea(consultant, file, 'by-consultant')).rejects.toThrow(NotFoundError);
	});
});
