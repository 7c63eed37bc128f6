// The map read that pages reuse until the map changes: the area row's map version moves with every change to the
// map, whichever verb makes it (a trigger in the database), and only then is the map read again.
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { areas, mapActors } from '$lib/server/db/schema';
import { createActor, createHandoff, deleteActor, pinActor, unpinActor, updateActor, updateHandoff, type HandoffInput } from '$lib/server/map';
import { currentMap } from '$lib/server/map/cache';
import type { AreaContext } from '$lib/server/areas';
import { useTestDatabase } from '../helpers/database';
import { addMember, makeArea, makeUser } from '../helpers/factories';

useTestDatabase();

const actor = (name: string) => ({ name, sector: 'police' as const, kind: 'organisation' as const, audience: 'both' as const, description: '' });
const handoff = (fromActorId: string, toActorId: string, label: string): HandoffInput => ({
	fromActorId,
	toActorId,
	label,
	stage: 'return',
	passes: 'information',
	audience: 'children',
	rating: 'patchy',
	trigger: '',
	standard: '',
	evidence: '',
	notes: '',
	isGap: false
});

/** The area as a request would find it now: its row read afresh, as the guard does for every request. */
async function fresh(context: AreaContext): Promise<AreaContext> {
	const [area] = await db.select().from(areas).where(eq(areas.id, context.area.id));
	return { ...context, area };
}

async function leadContext(): Promise<AreaContext> {
	const area = await makeArea();
	const user = await makeUser('consultant');
	await addMember(area.id, user.id, 'lead');
	return { area, role: 'lead', user };
}

describe('the reused map read', () => {
	it('is read once while the map is unchanged, and afresh after every kind of change', async () => {
		let context = await leadContext();
		const first = await currentMap(context);
		expect(first.map.actors).toEqual([]);
		expect(await currentMap(await fresh(context))).toBe(first);

		const seen: string[][] = [];
		const versions = new Set<number>([context.area.mapVersion]);
		const step = async (change: () => Promise<unknown>) => {
			const before = await currentMap((context = await fresh(context)));
			await change();
			context = await fresh(context);
			versions.add(context.area.mapVersion);
			const after = await currentMap(context);
			expect(after).not.toBe(before);
			seen.push(after.map.actors.map((a) => a.name));
			return after;
		};
		const a = await step(() => createActor(context, actor('Police control room')));
		const id = a.rows.actors[0].id;
		await step(() => createActor(context, actor('Children’s social care')));
		const renamed = await step(() => updateActor(context, { ...actor('Force control room'), id, version: 1 }));
		expect(renamed.map.actors.map((x) => x.name)).toContain('Force control room');
		const ids = renamed.rows.actors.map((x) => x.id);
		const withHandoff = await step(() => createHandoff(context, handoff(ids[0], ids[1], 'Return interview request')));
		expect(withHandoff.map.handoffs).toHaveLength(1);
		const made = withHandoff.rows.handoffs[0];
		const edited = await step(() =>
			updateHandoff(context, { ...handoff(ids[0], ids[1], 'Return interview referral'), id: made.id, version: made.version })
		);
		expect(edited.map.handoffs[0].label).toBe('Return interview referral');
		const pinned = await step(() => pinActor(context, id, { x: 120, y: 80 }));
		expect(pinned.pins).toEqual([{ actorId: id, x: 120, y: 80 }]);
		const unpinned = await step(() => unpinActor(context, id));
		expect(unpinned.pins).toEqual([]);
		// A change made outside the verbs (a restore, a script) moves the version too.
		await step(() => db.update(mapActors).set({ description: 'Changed by hand' }).where(eq(mapActors.id, id)));
		const current = (await currentMap(context)).rows.actors.find((x) => x.id === id)!;
		expect(current.description).toBe('Changed by hand');
		const removed = await step(() => deleteActor(context, { id, version: current.version }));
		expect(removed.map.actors.map((x) => x.name)).toEqual(['Children’s social care']);
		expect(removed.map.handoffs).toEqual([]);
		// Every change gave the map a version of its own.
		expect(versions.size).toBe(seen.length + 1);
	});

	it('keeps each area’s map to itself, and what it hands out cannot be changed by a page', async () => {
		const one = await leadContext();
		const two = await leadContext();
		await createActor(one, actor('Missing person coordinator'));
		const first = await currentMap(await fresh(one));
		const second = await currentMap(await fresh(two));
		expect(first.map.actors.map((a) => a.name)).toEqual(['Missing person coordinator']);
		expect(second.map.actors).toEqual([]);
		expect(() => (first.map.actors as unknown as unknown[]).push({})).toThrow();
		expect(() => ((first.map.actors[0] as { name: string }).name = 'Someone else')).toThrow();
	});

	it('gives a request holding an older area row the map read then, and keeps the newer one', async () => {
		const context = await leadContext();
		const old = await fresh(context);
		await createActor(context, actor('Youth offending team'));
		const newer = await currentMap(await fresh(context));
		const stale = await currentMap(old);
		expect(stale).not.toBe(newer);
		expect(await currentMap(await fresh(context))).toBe(newer);
	});
});
