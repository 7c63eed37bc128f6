import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { actionLinks, actions, areas, mapActors, mapHandoffs, mentalModels, missingFigures, tocLinks, tocNodes, users } from '$lib/server/db/schema';
import { JOURNEY_MARKS, TOC_MARKS } from '$lib/diagrams/legend';
import { RATING_LABELS, SECTOR_LABELS } from '$lib/domain/map/enums';
import { TOC_KIND_LABELS, type TocKind } from '$lib/domain/toc';
import { seedDemo } from '$lib/server/seed';
import { actionPlanPdf } from '$lib/server/pdf/plan';
import { createLink, createNode } from '$lib/server/toc';
import { createActor } from '$lib/server/map';
import { NotFoundError } from '$lib/server/errors';
import type { AreaContext } from '$lib/server/areas';
import { useTestDatabase } from '../helpers/database';
import { pdfInfo, pdfOutline, pdfPages, pdfTextRuns } from '../helpers/pdf';

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
			'What this plan will change',
			'The case for change',
			'Missing figures by quarter',
			'Mental models: survey results',
			'Theory of change',
			'Why each step leads to the next',
			'Indicators',
			'The whole journey',
			'The network of organisations',
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
	}, 90_000);

	it('is faithful and readable: legends, numbered handoffs and links with their reasons, local figures, the summary, what each action is tied to', async () => {
		const context = await northbrook();
		const summary = 'By the end of 2027 every adult who returns is offered follow-up within a week.';
		await db.update(areas).set({ planSummary: summary }).where(eq(areas.id, context.area.id));
		context.area.planSummary = summary;
		// One action shifts a mental model and works toward an outcome, as the action form allows.
		const [action] = await db.select().from(actions).where(eq(actions.areaId, context.area.id)).orderBy(actions.title).limit(1);
		const [model] = await db.select().from(mentalModels).where(eq(mentalModels.areaId, context.area.id)).orderBy(mentalModels.title).limit(1);
		const [outcome] = await db.select().from(tocNodes).where(and(eq(tocNodes.areaId, context.area.id), eq(tocNodes.kind, 'long_term_outcome'))).orderBy(tocNodes.title).limit(1);
		await db.insert(actionLinks).values([
			{ id: 'plan-test-model', areaId: context.area.id, actionId: action.id, modelId: model.id },
			{ id: 'plan-test-outcome', areaId: context.area.id, actionId: action.id, tocNodeId: outcome.id }
		]);

		const { pdf } = await actionPlanPdf(context, { now: new Date('2026-11-26T10:00:00Z') });
		const pages = await pdfPages(pdf);
		const flat = pages.join('\n').replace(/\s+/g, ' ');

		// The summary opens the document, before the figures.
		const summaryPage = pages.findIndex((p) => p.includes('What this plan will change') && p.includes('By the end of 2027'));
		expect(summaryPage).toBe(2);
		expect(flat).toMatch(/\d+ actions address \d+ of the \d+ broken or absent handoffs on the map/);

		// Legends: sectors, ratings, the swimlane's and the theory of change's own marks.
		for (const label of [...Object.values(SECTOR_LABELS), ...Object.values(RATING_LABELS), ...Object.values(JOURNEY_MARKS), ...Object.values(TOC_MARKS), ...Object.values(TOC_KIND_LABELS)])
			expect(flat).toContain(label);

		// Every link's rationale and assumptions, numbered.
		const links = await db.select().from(tocLinks).where(eq(tocLinks.areaId, context.area.id));
		expect(links.length).toBeGreaterThan(10);
		for (const l of links) {
			expect(flat).toContain(l.rationale.replace(/\s+/g, ' '));
			if (l.assumptions) expect(flat).toContain(l.assumptions.replace(/\s+/g, ' '));
		}

		// The area's quarterly figures, every quarter, with the national lines.
		const figures = await db.select().from(missingFigures).where(eq(missingFigures.areaId, context.area.id));
		expect(figures.length).toBeGreaterThan(3);
		for (const f of figures) expect(flat).toContain(f.quarter);
		expect(flat).toContain('National, children 75%');

		// Each handoff's number is keyed to its label on the same page as the swimlane band that draws it.
		const handoffs = await db.select().from(mapHandoffs).where(eq(mapHandoffs.areaId, context.area.id));
		const journeyPages = pages.filter((p) => p.includes('Handoffs by number'));
		expect(journeyPages.length).toBeGreaterThan(0);
		for (const h of handoffs) expect(journeyPages.some((p) => new RegExp(`\\d+\\. ${h.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(p.replace(/\s+/g, ' ')))).toBe(true);

		// What the action is tied to, beyond its handoffs.
		expect(flat).toContain(`Mental models: ${model.title}`);
		expect(flat).toContain(`${outcome.title} (long-term outcome)`);

		// No page ends with a heading: the last line of body text on every page is not set at a heading's size.
		const runs = await pdfTextRuns(pdf);
		runs.forEach((page, i) => {
			const body = page.filter((r) => r.size > 8.5 || r.size < 8.4).filter((r) => !/^Page \d+ of \d+$/.test(r.str));
			const lowest = Math.min(...body.map((r) => r.y));
			const last = body.filter((r) => r.y === lowest);
			expect(last.every((r) => r.size < 13), `page ${i + 1} ends with a heading: ${last.map((r) => r.str).join(' ')}`).toBe(true);
		});

		// The outline (bookmarks) lists every section, and each owner organisation under the action plan.
		const outline = await pdfOutline(pdf);
		expect(outline.map((o) => o.title)).toEqual([
			'What this plan will change',
			'The case for change',
			'Missing figures by quarter',
			'Mental models: survey results',
			'Theory of change',
			'Why each step leads to the next',
			'Indicators',
			'The whole journey',
			'The network of organisations',
			'The action plan',
			'Sign-off'
		]);
		expect(outline.find((o) => o.title === 'The action plan')!.items.map((i) => i.title)).toContain('Missing persons unit');
	}, 60_000);

	it('leaves no page empty when the swimlane grows: each band and its key fit one page', async () => {
		await seedDemo('demo pass 2026', 'S3KWTBZAR36TTEMO2IYBVJ3AVHILPYVW');
		const context = await northbrook();
		// One more police actor moved a band's cut so that its picture and key outgrew the page: pdfmake left a page
		// empty before it.
		await createActor({ ...context, role: 'lead' }, { name: 'Police neighbourhood team', sector: 'police', kind: 'organisation', audience: 'both', description: '' });
		const [area] = await db.select().from(areas).where(eq(areas.id, context.area.id));
		const { pdf } = await actionPlanPdf({ ...context, area }, { now: new Date('2026-11-26T10:00:00Z') });
		const pages = await pdfPages(pdf);
		const empty = pages.flatMap((p, i) => (p.replace(/Northbrook action plan|Homeward|Page \d+ of \d+/g, '').trim() ? [] : [i + 1]));
		expect(empty).toEqual([]);
		expect(pages.join('\n')).toContain('Police neighbourhood team');
	});

	it('splits a theory of change too large to read on one page into its pathways, a page each, links keeping their reasons', async () => {
		const context = { ...(await northbrook()), role: 'lead' as const };
		const [impact] = await db.select().from(tocNodes).where(and(eq(tocNodes.areaId, context.area.id), eq(tocNodes.kind, 'impact')));
		const step = (kind: TocKind, title: string) => createNode(context, { kind, title, description: '', ownerActorId: null });
		const link = async (from: { id: string }, to: { id: string }, rationale: string) => createLink(context, { fromNodeId: from.id, toNodeId: to.id, rationale, assumptions: '' });
		// Two more outcomes, each with its own chain: seven steps a band is more than a portrait page can show legibly.
		for (const name of ['Schools', 'Hospitals']) {
			const outcome = await step('long_term_outcome', `${name} act on the first episode`);
			await link(outcome, impact, `${name}: fewer episodes add up to the impact.`);
			for (const i of [1, 2]) {
				const short = await step('short_term_outcome', `${name} know who to call ${i}`);
				await link(short, outcome, `${name} ${i}: knowing leads to acting.`);
				await link(await step('activity', `${name} briefing ${i}`), short, `${name} ${i}: the briefing tells them.`);
			}
		}
		const longTerm = await db.select().from(tocNodes).where(and(eq(tocNodes.areaId, context.area.id), eq(tocNodes.kind, 'long_term_outcome'))).orderBy(tocNodes.createdAt);
		const flat = (await pdfPages((await actionPlanPdf(context)).pdf)).join('\n').replace(/\s+/g, ' ');
		expect(flat).toContain(`Drawn in ${longTerm.length} pathways, one a page`);
		for (const [i, outcome] of longTerm.entries()) expect(flat).toContain(`Pathway ${i + 1} of ${longTerm.length}: toward “${outcome.title}”`);
		// Every link is still in the table of links, with its reason.
		for (const name of ['Schools', 'Hospitals']) for (const i of [1, 2]) expect(flat).toContain(`${name} ${i}: the briefing tells them.`);
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
