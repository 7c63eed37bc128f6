import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { actions, areas, mapActors, users } from '$lib/server/db/schema';
import { seedDemo } from '$lib/server/seed';
import { actionPlanPdf } from '$lib/server/pdf/plan';
import { NotFoundError } from '$lib/server/errors';
import type { AreaContext } from '$lib/server/areas';
import { useTestDatabase } from '../helpers/database';
import { pdfInfo, pdfPages } from '../helpers/pdf';

useTestDatabase();

async function northbrook(): Promise<AreaContext> {
	const [area] = await db.select().from(areas).where(eq(areas.slug, 'northbrook'));
	const [viewer] = await db.select().from(users).where(eq(users.email, 'viewer.north@homeward.test'));
	return { area, role: 'viewer', user: { ...viewer, twoFactorEnabled: false } };
}

describe('the action plan PDF', () => {
	it('holds every section in order, every action of the area, numbered pages and its metadata', async () => {
		await seedDemo('demo pass 2026', 'S3KWTBZAR36TTEMO2IYBVJ3AVHILPYVW');
		const context = await northbrook();
		const { pdf } = await actionPlanPdf(context, { now: new Date('2026-11-26T10:00:00Z') });
		const pages = await pdfPages(pdf);
		const text = pages.join('\n');

		expect(pages[0]).toContain('Northbrook');
		expect(pages[0]).toContain('26 November 2026');
		expect(pages[0]).toMatch(/Partners: .*Northbrook City Council/);
		expect(pages[1]).toContain('Contents');
		const order = [
			'Summary',
			'The case for change',
			'The whole journey',
			'The network of organisations',
			'Mental models: survey results',
			'Theory of change',
			'Indicators',
			'The action plan',
			'Sign-off'
		];
		const starts = order.map((title) => pages.findIndex((p, i) => i > 1 && p.trimStart().split('\n').slice(0, 3).join(' ').includes(title)));
		expect(starts.every((s) => s > 1)).toBe(true);
		expect([...starts].sort((a, b) => a - b)).toEqual(starts);
		// The contents give each section's page number.
		for (const [i, title] of order.entries()) expect(pages[1]).toMatch(new RegExp(`${title}\\s*${starts[i] + 1}\\b`));
		pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pages.length}`));

		const titles = await db.select({ title: actions.title }).from(actions).where(eq(actions.areaId, context.area.id));
		expect(titles).toHaveLength(8);
		const flat = text.replace(/\s+/g, ' ');
		for (const { title } of titles) expect(flat).toContain(title);
		expect(flat).toContain('Home Office (2002) and OASys (2006)');
		expect(flat).toContain('49 of 64 (77%)');
		// The seeded follow-up round against the baseline, and the theory of change's indicators.
		expect(flat).toMatch(/Mental models: Baseline to Follow-up 1/);
		expect(flat).toMatch(/Average shift in agreement \(negative: the assumption is held less\) −0\.\d\d/);
		expect(flat).toContain('Once someone is found, our organisation’s part is done.');
		expect(flat).toMatch(/On track|Off track|Target reached/);

		const info = await pdfInfo(pdf);
		expect(info).toMatchObject({ Title: 'Northbrook action plan', Author: 'Homeward', Language: 'en-GB' });
		expect(info.Subject).toMatch(/go missing again and again/);

		// The same data gives the same text.
		const again = await pdfPages((await actionPlanPdf(context, { now: new Date('2026-11-26T10:00:00Z') })).pdf);
		expect(again).toEqual(pages);
	});

	it('for one owner organisation holds only its actions, and refuses an organisation from elsewhere', async () => {
		const context = await northbrook();
		const owned = await db
			.select({ title: actions.title, owner: mapActors.name, ownerId: mapActors.id })
			.from(actions)
			.innerJoin(mapActors, eq(mapActors.id, actions.ownerActorId))
			.where(eq(actions.areaId, context.area.id));
		const { ownerId, owner } = owned[0];
		const { pdf, title } = await actionPlanPdf(context, { ownerActorId: ownerId });
		expect(title).toBe(`Northbrook action plan: ${owner}`);
		const flat = (await pdfPages(pdf)).join('\n').replace(/\s+/g, ' ');
		for (const action of owned) {
			if (action.ownerId === ownerId) expect(flat).toContain(action.title);
			else expect(flat).not.toContain(action.title);
		}

		const [southmere] = await db.select().from(areas).where(eq(areas.slug, 'southmere'));
		const [foreign] = await db.select().from(mapActors).where(eq(mapActors.areaId, southmere.id)).limit(1);
		await expect(actionPlanPdf(context, { ownerActorId: foreign.id })).rejects.toThrow(NotFoundError);
	});
});
