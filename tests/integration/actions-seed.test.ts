import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { actionLinks, actions, actionUpdates, areas, mapHandoffs } from '$lib/server/db/schema';
import { seedDemo } from '$lib/server/seed';
import { useTestDatabase } from '../helpers/database';

useTestDatabase();

describe('demo action plans', () => {
	it('seeds actions in both areas, each linked to a broken or absent handoff of its own area, with updates', async () => {
		await seedDemo('demo pass 2026', 'S3KWTBZAR36TTEMO2IYBVJ3AVHILPYVW');
		const rows = await db.select({ slug: areas.slug, status: actions.status }).from(actions).innerJoin(areas, eq(areas.id, actions.areaId));
		expect(rows.filter((r) => r.slug === 'northbrook')).toHaveLength(8);
		expect(rows.filter((r) => r.slug === 'southmere')).toHaveLength(8);
		expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['not_started', 'in_progress', 'blocked', 'done', 'dropped']));
		const links = await db.select({ rating: mapHandoffs.rating }).from(actionLinks).innerJoin(mapHandoffs, eq(mapHandoffs.id, actionLinks.handoffId));
		expect(links).toHaveLength(16);
		expect(links.every((l) => l.rating === 'broken' || l.rating === 'absent')).toBe(true);
		expect((await db.select().from(actionUpdates)).length).toBeGreaterThan(8);
	});
});
