import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { areas, users } from '$lib/server/db/schema';
import { seedDemo } from '$lib/server/seed';
import { listModels, modelLinksForMap } from '$lib/server/models';
import { listRounds, previousRoundId, roundResults } from '$lib/server/models/surveys';
import { useTestDatabase } from '../helpers/database';

useTestDatabase();

describe('demo mental models and surveys', () => {
	it('gives both areas the programme models, a local one, links to the map, and a baseline and follow-up that show a shift', async () => {
		await seedDemo('demo pass 2026', 'S3KWTBZAR36TTEMO2IYBVJ3AVHILPYVW');
		const [casey] = await db.select().from(users).where(eq(users.email, 'consultant@homeward.test'));
		for (const slug of ['northbrook', 'southmere']) {
			const [area] = await db.select().from(areas).where(eq(areas.slug, slug));
			const context = { area, role: 'lead' as const, user: { ...casey, twoFactorEnabled: true } };
			const models = await listModels(context);
			expect(models.filter((m) => m.programmeKey)).toHaveLength(3);
			expect(models.filter((m) => !m.programmeKey)).toHaveLength(1);
			const links = await modelLinksForMap(context);
			expect(Object.keys(links.byActor).length).toBeGreaterThan(3);
			expect(Object.keys(links.byHandoff).length).toBeGreaterThan(2);

			const rounds = await listRounds(context);
			expect(rounds.map((r) => r.label)).toEqual(['Follow-up 1', 'Baseline']);
			expect(rounds.every((r) => r.responses >= 15 && r.statements === 7)).toBe(true);
			const followUp = rounds[0];
			const first = await roundResults(context, followUp.id, null);
			const results = await roundResults(context, followUp.id, previousRoundId(first));
			expect(results.compare?.label).toBe('Baseline');
			expect(results.n).toBeGreaterThanOrEqual(20);
			// Every model is held less after the workshops, on average.
			const shifts = results.statements.map((s) => s.shift!);
			expect(shifts.reduce((a, b) => a + b, 0) / shifts.length).toBeLessThan(-0.4);
			// Some sectors are large enough to show; small ones are not.
			expect(results.breakdown.shown.length).toBeGreaterThan(0);
			expect(results.breakdown.shown.every((g) => g.responses >= 5)).toBe(true);
		}
	});
});
