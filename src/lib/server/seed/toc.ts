// Demo theories of change: both areas start from the programme template, with owners from their maps, indicators
// with readings on some outcomes (one on track, one off track, one without readings) and others left without, so the
// flags show; Northbrook also has two years of quarterly missing figures. Fictional throughout.
import { asc, eq } from 'drizzle-orm';
import type { Transaction } from '$lib/server/db';
import { actionLinks, actions, mapActors, missingFigures, tocIndicators, tocLinks, tocNodes, tocReadings } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import { TEMPLATE_LINKS, TEMPLATE_NODES } from '$lib/domain/toc-template';
import type { Direction, Frequency } from '$lib/domain/toc';

const OWNERS: Record<string, string> = {
	mapping: 'Strategic missing group',
	hydra: 'Missing persons unit',
	protocols: 'Strategic missing group',
	'model-adults': 'Adult social care safeguarding',
	'shared-responsibility': 'Strategic missing group',
	'person-centred': 'Return interview provider',
	'fewer-repeats': 'Missing persons unit'
};

interface DemoIndicator {
	node: string;
	name: string;
	unit: string;
	direction: Direction;
	baseline: [number, string];
	target: [number, string];
	dataSource: string;
	owner: string;
	frequency: Frequency;
	readings: [string, number, string?][];
}

const INDICATORS: Record<'northbrook' | 'southmere', DemoIndicator[]> = {
	northbrook: [
		{
			node: 'fewer-repeats',
			name: 'Repeat share of reports about children',
			unit: '% of reports',
			direction: 'down',
			baseline: [78, '2025-04-01'],
			target: [65, '2027-03-31'],
			dataSource: 'Police missing persons records',
			owner: 'Missing persons unit',
			frequency: 'quarterly',
			readings: [
				['2025-06-30', 76],
				['2025-09-30', 74],
				['2025-12-31', 72, 'First quarter with weekly data sharing'],
				['2026-03-31', 70.5],
				['2026-06-30', 69],
				['2026-09-30', 67.5]
			]
		},
		{
			node: 'person-centred',
			name: 'Return interviews completed within 72 hours',
			unit: '% of interviews offered',
			direction: 'up',
			baseline: [58, '2025-04-01'],
			target: [85, '2027-03-31'],
			dataSource: 'Return interview provider’s quarterly returns',
			owner: 'Return interview provider',
			frequency: 'quarterly',
			readings: [
				['2025-06-30', 58],
				['2025-09-30', 60],
				['2025-12-31', 61, 'Two interviewers on long-term leave'],
				['2026-03-31', 63],
				['2026-06-30', 64]
			]
		},
		{
			node: 'model-adults',
			name: 'Adults offered a follow-up conversation after returning',
			unit: '% of adults returned',
			direction: 'up',
			baseline: [5, '2025-07-01'],
			target: [50, '2026-12-31'],
			dataSource: 'Adult social care case records',
			owner: 'Adult social care safeguarding',
			frequency: 'quarterly',
			readings: [
				['2025-09-30', 6],
				['2025-12-31', 14],
				['2026-03-31', 24],
				['2026-06-30', 34],
				['2026-09-30', 44]
			]
		},
		{
			node: 'less-harm',
			name: 'Returned adults who say they came to harm while away',
			unit: '% of adults interviewed',
			direction: 'down',
			baseline: [77, '2025-04-01'],
			target: [60, '2028-03-31'],
			dataSource: 'Return conversations, collated yearly',
			owner: 'Safeguarding adults board',
			frequency: 'yearly',
			readings: []
		}
	],
	southmere: [
		{
			node: 'fewer-repeats',
			name: 'Repeat share of reports about adults',
			unit: '% of reports',
			direction: 'down',
			baseline: [56, '2025-10-01'],
			target: [45, '2027-09-30'],
			dataSource: 'Police missing persons records',
			owner: 'Missing persons unit',
			frequency: 'quarterly',
			readings: [
				['2025-12-31', 57],
				['2026-03-31', 55],
				['2026-06-30', 56]
			]
		}
	]
};

/** Northbrook's quarterly figures: repeat shares falling slowly, return interviews within 72 hours (last column, %) improving. */
const NORTHBROOK_FIGURES = [
	['2024-Q4', 412, 171, 54, 79, 160, 56],
	['2025-Q1', 398, 168, 53, 78, 151, 57],
	['2025-Q2', 405, 175, 52, 76, 149, 58],
	['2025-Q3', 388, 170, 51, 74, 144, 60],
	['2025-Q4', 371, 166, 50, 72, 139, 61],
	['2026-Q1', 359, 162, 49, 70.5, 137, 63],
	['2026-Q2', 352, 161, 48, 69, 133, 64],
	['2026-Q3', 340, 158, 47, 67.5, 130, 66]
] as const;

export async function seedToc(tx: Transaction, areaIds: Record<'northbrook' | 'southmere', string>, createdBy: string) {
	const start = Date.now() - 60_000;
	for (const slug of ['northbrook', 'southmere'] as const) {
		const areaId = areaIds[slug];
		const actors = new Map(
			(await tx.select({ id: mapActors.id, name: mapActors.name }).from(mapActors).where(eq(mapActors.areaId, areaId))).map((a) => [a.name, a.id])
		);
		const ids = new Map(TEMPLATE_NODES.map((t) => [t.key, newId()]));
		await tx.insert(tocNodes).values(
			TEMPLATE_NODES.map((t, i) => ({
				id: ids.get(t.key)!,
				areaId,
				kind: t.kind,
				title: t.title,
				description: t.description,
				ownerActorId: OWNERS[t.key] ? (actors.get(OWNERS[t.key]) ?? null) : null,
				createdBy,
				createdAt: new Date(start + i),
				updatedAt: new Date(start + i)
			}))
		);
		await tx.insert(tocLinks).values(
			TEMPLATE_LINKS.map((l, i) => ({
				id: newId(),
				areaId,
				fromNodeId: ids.get(l.from)!,
				toNodeId: ids.get(l.to)!,
				rationale: l.rationale,
				assumptions: l.assumptions,
				createdBy,
				createdAt: new Date(start + i)
			}))
		);
		for (const d of INDICATORS[slug]) {
			const id = newId();
			await tx.insert(tocIndicators).values({
				id,
				areaId,
				nodeId: ids.get(d.node)!,
				name: d.name,
				unit: d.unit,
				direction: d.direction,
				baselineValue: d.baseline[0],
				baselineDate: d.baseline[1],
				targetValue: d.target[0],
				targetDate: d.target[1],
				dataSource: d.dataSource,
				ownerActorId: actors.get(d.owner) ?? null,
				frequency: d.frequency,
				createdBy
			});
			if (d.readings.length)
				await tx.insert(tocReadings).values(
					d.readings.map(([date, value, note]) => ({ id: newId(), areaId, indicatorId: id, date, value, note: note ?? '', createdBy }))
				);
		}
		// The area's first action delivers the shared protocols, so one activity has an action and the others are flagged.
		const [first] = await tx.select({ id: actions.id }).from(actions).where(eq(actions.areaId, areaId)).orderBy(asc(actions.createdAt), asc(actions.id)).limit(1);
		if (first) await tx.insert(actionLinks).values({ id: newId(), areaId, actionId: first.id, tocNodeId: ids.get('protocols')! });
	}
	await tx.insert(missingFigures).values(
		NORTHBROOK_FIGURES.map(([quarter, reports, people, adults, children, offered, within]) => ({
			areaId: areaIds.northbrook,
			quarter,
			missingReports: reports,
			peopleReported: people,
			repeatShareAdults: adults,
			repeatShareChildren: children,
			returnInterviewsOffered: offered,
			returnInterviewsWithin72h: Math.round((offered * within) / 100),
			updatedBy: createdBy
		}))
	);
}
