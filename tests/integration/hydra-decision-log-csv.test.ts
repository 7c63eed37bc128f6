// The decision log as CSV: every decision of this exercise only, in the order recorded, London times, and cells that
// cannot run as formulas when the spreadsheet opens.
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { db } from '$lib/server/db';
import { hydraDecisions } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import { NotFoundError } from '$lib/server/errors';
import { DECISION_LOG_COLUMNS, exportDecisionLogCsv } from '$lib/server/hydra/exports';
import { useTestDatabase } from '../helpers/database';
import { hydraDebriefFixture, makeUser } from '../helpers/factories';

useTestDatabase();

describe('the decision log CSV', () => {
	it('lists this exercise’s decisions in order with London times, and escapes formulas', async () => {
		const consultant = await makeUser('consultant');
		const fixture = await hydraDebriefFixture({ tag: 'csv', facilitatorId: consultant.id, startedAt: new Date('2026-07-01T09:00:00Z') });
		await hydraDebriefFixture({ tag: 'csv-other' });
		await db.insert(hydraDecisions).values({
			id: newId(),
			exerciseId: fixture.exercise.id,
			syndicateId: fixture.syndicates[1].id,
			injectId: fixture.released[1].id,
			decision: '=HYPERLINK("http://evil.test","Click")',
			rationale: '+1 more',
			agency: 'health',
			createdAt: new Date('2026-07-01T12:00:00Z')
		});
		const { csv } = await exportDecisionLogCsv(consultant, fixture.exercise.id);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true });
		const [header, ...rows] = parsed.data;
		expect(header).toEqual([...DECISION_LOG_COLUMNS]);
		expect(rows).toHaveLength(fixture.decisions.length + 1);
		// 09:15 UTC in July is 10:15 in London (summer time).
		expect(rows[0]).toEqual([
			'2026-07-01 10:15:00',
			'Blue team csv',
			'Police',
			'Day 1, 22:40',
			'Care home reports a missing child (csv)',
			'Grade the report as high risk (csv)',
			'Third episode this month and no contact with family (csv)',
			'Police'
		]);
		const last = rows[rows.length - 1];
		expect(last[5]).toBe('\'=HYPERLINK("http://evil.test","Click")');
		expect(last[6]).toBe("'+1 more");
		expect(csv).not.toContain('csv-other');
	});

	it('is for staff only, and an unknown exercise is not found', async () => {
		const fixture = await hydraDebriefFixture({ tag: 'csv-partner' });
		await expect(exportDecisionLogCsv(await makeUser('partner'), fixture.exercise.id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(exportDecisionLogCsv(await makeUser('consultant'), 'no-such-exercise')).rejects.toBeInstanceOf(NotFoundError);
	});
});
