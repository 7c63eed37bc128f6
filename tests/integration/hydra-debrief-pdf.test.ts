import { describe, expect, it } from 'vitest';
import { debriefPdf } from '$lib/server/pdf/debrief';
import { addLearningPoint, convertLearningPoint } from '$lib/server/hydra/learning';
import { NotFoundError } from '$lib/server/errors';
import { useTestDatabase } from '../helpers/database';
import { addMember, hydraDebriefFixture, makeArea, makeUser } from '../helpers/factories';
import { pdfInfo, pdfPages } from '../helpers/pdf';

useTestDatabase();

const flat = (pages: string[]) => pages.join('\n').replace(/\s+/g, ' ');

describe('the Hydra debrief PDF', () => {
	it('holds the cover, the timeline, every decision by syndicate, the anonymous board and the learning points, in order', async () => {
		const consultant = await makeUser('consultant');
		const area = await makeArea();
		await addMember(area.id, consultant.id, 'lead');
		// 09:30 UTC in March is 09:30 in London; the exercise is held on 12 March 2026.
		const fixture = await hydraDebriefFixture({ tag: 'pdf1', areaId: area.id, facilitatorId: consultant.id, startedAt: new Date('2026-03-12T09:30:00Z') });
		const other = await hydraDebriefFixture({ tag: 'pdf-other' });
		const kept = await addLearningPoint(consultant, fixture.exercise.id, { text: 'Share the risk grade with the care home at once.', injectId: fixture.released[0].id });
		const converted = await addLearningPoint(consultant, fixture.exercise.id, { text: 'Agree who leads when a child turns up at hospital.', injectId: null });
		await convertLearningPoint(consultant, fixture.exercise.id, converted.id, area.slug, {
			title: 'Hospital and police agree who leads',
			description: '',
			ownerActorId: null,
			ownerUserId: null,
			dueDate: '2026-05-29',
			status: 'not_started',
			priority: 'high',
			handoffIds: []
		});
		await addLearningPoint(consultant, other.exercise.id, { text: 'A learning point of another exercise.', injectId: null });

		const { pdf, title } = await debriefPdf(consultant, fixture.exercise.id, { now: new Date('2026-03-13T10:00:00Z') });
		expect(title).toBe('Debrief: Exercise pdf1');
		const pages = await pdfPages(pdf);
		const text = flat(pages);

		// The cover: title, scenario, the day it was held in London, the syndicates.
		expect(pages[0]).toContain('Exercise pdf1');
		expect(pages[0]).toContain('Scenario pdf1: a 15-year-old missing from care');
		expect(pages[0]).toContain('Held on 12 March 2026');
		for (const s of fixture.syndicates) expect(pages[0]).toContain(s.teamName);
		expect(pages[1]).toContain('Contents');

		const order = ['Timeline of injects', 'Decisions by syndicate', 'Anonymous debrief board', 'Learning points'];
		const starts = order.map((heading) => pages.findIndex((p, i) => i > 1 && p.trimStart().split('\n').slice(0, 3).join(' ').includes(heading)));
		expect(starts.every((s) => s > 1)).toBe(true);
		expect([...starts].sort((a, b) => a - b)).toEqual(starts);
		for (const [i, heading] of order.entries()) expect(pages[1]).toMatch(new RegExp(`${heading}\\s*${starts[i] + 1}\\b`));
		pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pages.length}`));

		// The timeline: released injects in the order released, with scenario time and audience; the unreleased one absent.
		const timeline = flat(pages.slice(starts[0], starts[1]));
		expect(timeline).toMatch(/1 Day 1, 22:40 Care home reports a missing child \(pdf1\) Every syndicate 09:40/);
		expect(timeline).toMatch(/2 Day 2, 14:15 Found at a hospital emergency department \(pdf1\) Health 10:20/);
		expect(text).not.toContain('School notices absence');

		// Every decision, with its rationale, under its own syndicate.
		const decisions = flat(pages.slice(starts[1], starts[2]));
		const blue = decisions.indexOf(fixture.syndicates[0].teamName);
		const green = decisions.indexOf(fixture.syndicates[1].teamName);
		expect(blue).toBeGreaterThan(-1);
		expect(green).toBeGreaterThan(blue);
		for (const d of fixture.decisions) {
			const at = decisions.indexOf(d.decision);
			expect(at, d.decision).toBeGreaterThan(-1);
			expect(decisions).toContain(d.rationale);
			expect(d.syndicateId === fixture.syndicates[0].id ? at > blue && at < green : at > green).toBe(true);
		}
		expect(decisions).toMatch(/Grade the report as high risk \(pdf1\) Third episode this month and no contact with family \(pdf1\) Police 09:45/);
		// The police syndicate never saw the NHS-only inject; the health syndicate did.
		expect(decisions.slice(blue, green)).not.toContain('Found at a hospital');
		expect(decisions.slice(green)).toContain('Found at a hospital');

		// The board: the prompt and its answers, with no team name beside them.
		const boardText = flat(pages.slice(starts[2], starts[3]));
		expect(boardText).toContain('What would you do differently? (pdf1)');
		for (const p of fixture.posts) expect(boardText).toContain(p.text);
		for (const s of fixture.syndicates) expect(boardText).not.toContain(s.teamName);

		// Learning points, with the action one became.
		const learning = flat(pages.slice(starts[3]));
		expect(learning).toContain(kept.text);
		expect(learning).toContain('Arose from: Day 1, 22:40 · Care home reports a missing child (pdf1)');
		expect(learning).toContain(`Action on the ${area.name} plan: Hospital and police agree who leads (Not started, due 29 May 2026)`);

		// Nothing of the other exercise.
		expect(text).not.toContain('pdf-other');
		expect(text).not.toContain('A learning point of another exercise.');

		const info = await pdfInfo(pdf);
		expect(info).toMatchObject({ Title: 'Debrief: Exercise pdf1', Author: 'Homeward', Creator: 'Homeward', Language: 'en-GB' });
		expect(info.Subject).toContain('Scenario pdf1');

		// The same data gives the same text.
		expect(await pdfPages((await debriefPdf(consultant, fixture.exercise.id, { now: new Date('2026-03-13T10:00:00Z') })).pdf)).toEqual(pages);
	});

	it('is for staff only, and an unknown exercise is not found', async () => {
		const fixture = await hydraDebriefFixture({ tag: 'pdf2' });
		await expect(debriefPdf(await makeUser('partner'), fixture.exercise.id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(debriefPdf(await makeUser('admin'), 'no-such-exercise')).rejects.toBeInstanceOf(NotFoundError);
		expect((await debriefPdf(await makeUser('admin'), fixture.exercise.id)).title).toBe('Debrief: Exercise pdf2');
	});
});
