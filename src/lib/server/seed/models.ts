// Demo mental models and workshop surveys: each area gets the programme's three models (as every new area does), one
// local model, links to its map, and two closed rounds (a baseline and a follow-up) whose fictional responses show the
// models held less after the workshops. Deterministic: the same answers on every machine.
import { and, eq, inArray } from 'drizzle-orm';
import type { Transaction } from '$lib/server/db';
import {
	mapActors,
	mapHandoffs,
	mentalModels,
	modelActorLinks,
	modelHandoffLinks,
	modelStatements,
	surveyAnswers,
	surveyResponses,
	surveyRoundStatements,
	surveyRounds
} from '$lib/server/db/schema';
import { hashToken, newId, newToken } from '$lib/server/ids';
import { addProgrammeModels } from '$lib/server/models';
import { newCode } from '$lib/server/models/surveys';
import { hashString, lcg } from '$lib/diagrams/random';
import type { ProgrammeModelKey } from '$lib/domain/programme';

interface AreaModels {
	local: { title: string; description: string; statement: string; actors: string[]; handoffs: string[] };
	/** Which actors hold and which handoffs show each programme model. */
	links: Record<ProgrammeModelKey, { actors: string[]; handoffs: string[] }>;
	/** Sectors of the participants, one entry per response (null: not given), for the baseline and the follow-up. */
	sectors: [(string | null)[], (string | null)[]];
	comments: [string[], string[]];
}

const repeat = (sector: string | null, times: number) => Array.from({ length: times }, () => sector);

const AREAS: Record<'northbrook' | 'southmere', AreaModels> = {
	northbrook: {
		local: {
			title: 'A return interview is a form to complete',
			description: 'Return interviews are counted when they are done, not when what the child said changes anything.',
			statement: 'Once the return interview form is filled in, the job is done.',
			actors: ['Return interview provider', 'Social worker'],
			handoffs: ['Interview findings', 'Interview findings (police copy)']
		},
		links: {
			episode: { actors: ['Response officer', 'Missing persons unit'], handoffs: ['Interview findings', 'Exploitation intelligence'] },
			police: { actors: ['School safeguarding lead', 'GP', 'Housing options'], handoffs: ['Missing adult notification'] },
			adults: { actors: ['Adult social care safeguarding', 'Liaison and crisis team'], handoffs: ['Follow-up support for adults', 'Adults missing repeatedly'] }
		},
		sectors: [
			[...repeat('police', 7), ...repeat('childrens_services', 6), ...repeat('health', 5), ...repeat('education', 3), ...repeat('adult_services', 2), ...repeat(null, 2)],
			[...repeat('police', 6), ...repeat('childrens_services', 6), ...repeat('health', 5), ...repeat('education', 2), 'voluntary', ...repeat(null, 2)]
		],
		comments: [
			['Adults are not really our remit.', 'We only hear about a missing episode when the police ring.', 'Good to see who else is in the room.'],
			['The case walk-through changed how I see follow-up for adults.', 'Still unsure who pays for adult return conversations.']
		]
	},
	southmere: {
		local: {
			title: 'A patient who leaves the ward is a police matter',
			description: 'Wards report a missing patient and step back; the search and the return are left to the police.',
			statement: 'When a patient leaves the ward without leave, it becomes a matter for the police.',
			actors: ['Mental health inpatient ward', 'Kestrel Bay hospital ward managers'],
			handoffs: ['Missing patient notification', 'Agreed missing-patient policy']
		},
		links: {
			episode: { actors: ['Response officer', 'A&E'], handoffs: ['Discharge summary after crisis'] },
			police: { actors: ['Mental health inpatient ward', 'Adult social care safeguarding'], handoffs: ['Missing patient notification'] },
			adults: { actors: ['Adult social care safeguarding', 'GP'], handoffs: ['Follow-up support for adults'] }
		},
		sectors: [
			[...repeat('health', 6), ...repeat('police', 5), ...repeat('mental_health', 4), ...repeat('adult_services', 3), ...repeat(null, 1)],
			[...repeat('health', 6), ...repeat('police', 5), ...repeat('mental_health', 5), ...repeat('adult_services', 3), ...repeat(null, 2)]
		],
		comments: [['The ward has no one free to search.', 'Police should lead, but we need to be told what happened.'], ['The joint policy draft helps.']]
	}
};

// Mean agreement in the baseline and in the follow-up: every model held a little less after the workshops.
const MEANS: [number, number][] = [
	[3.9, 3.0],
	[3.6, 2.9],
	[3.8, 2.7],
	[3.1, 2.4],
	[4.1, 3.2],
	[3.7, 3.1],
	[3.5, 3.2]
];

const DAY = 86_400_000;

export async function seedModels(tx: Transaction, areaIds: Record<'northbrook' | 'southmere', string>, createdBy: string, now = new Date()) {
	for (const slug of ['northbrook', 'southmere'] as const) {
		const areaId = areaIds[slug];
		const spec = AREAS[slug];
		const programme = await addProgrammeModels(tx, areaId, createdBy);
		const [local] = await tx
			.insert(mentalModels)
			.values({ id: newId(), areaId, title: spec.local.title, description: spec.local.description, createdBy })
			.returning();
		await tx.insert(modelStatements).values({ id: newId(), areaId, modelId: local.id, text: spec.local.statement, position: 0 });

		const actors = await tx.select({ id: mapActors.id, name: mapActors.name }).from(mapActors).where(eq(mapActors.areaId, areaId));
		const handoffs = await tx.select({ id: mapHandoffs.id, label: mapHandoffs.label }).from(mapHandoffs).where(eq(mapHandoffs.areaId, areaId));
		const actorId = new Map(actors.map((a) => [a.name, a.id]));
		const handoffId = new Map(handoffs.map((h) => [h.label, h.id]));
		const linkSets = [...programme.map((m) => ({ modelId: m.id, ...spec.links[m.programmeKey] })), { modelId: local.id, ...spec.local }];
		for (const set of linkSets) {
			const a = set.actors.map((n) => actorId.get(n)).filter((id): id is string => !!id);
			const h = set.handoffs.map((l) => handoffId.get(l)).filter((id): id is string => !!id);
			if (a.length) await tx.insert(modelActorLinks).values(a.map((id) => ({ areaId, modelId: set.modelId, actorId: id })));
			if (h.length) await tx.insert(modelHandoffLinks).values(h.map((id) => ({ areaId, modelId: set.modelId, handoffId: id })));
		}

		// Statements in the order the rounds ask them: the programme's, then the local one.
		const modelIds = [...programme.map((m) => m.id), local.id];
		const statements = (await tx.select().from(modelStatements).where(and(eq(modelStatements.areaId, areaId), inArray(modelStatements.modelId, modelIds)))).sort(
			(a, b) => modelIds.indexOf(a.modelId) - modelIds.indexOf(b.modelId) || a.position - b.position
		);

		const rounds = [
			{ label: 'Baseline', openedDaysAgo: 63 },
			{ label: 'Follow-up 1', openedDaysAgo: 7 }
		];
		for (const [r, spec_] of rounds.entries()) {
			const openedAt = new Date(now.getTime() - spec_.openedDaysAgo * DAY);
			const [round] = await tx
				.insert(surveyRounds)
				.values({ id: newId(), areaId, label: spec_.label, code: newCode(), status: 'closed', openedBy: createdBy, openedAt, closedAt: new Date(openedAt.getTime() + 2 * 3_600_000) })
				.returning();
			await tx.insert(surveyRoundStatements).values(statements.map((s, position) => ({ areaId, roundId: round.id, statementId: s.id, text: s.text, position })));
			const random = lcg(hashString(`${slug}:${spec_.label}`));
			const comments = spec.comments[r];
			const responses = spec.sectors[r].map((sector, i) => ({
				id: newId(),
				areaId,
				roundId: round.id,
				participantHash: hashToken(newToken()),
				sector,
				comment: comments[i] ?? '',
				createdAt: new Date(openedAt.getTime() + (10 + i) * 60_000)
			}));
			await tx.insert(surveyResponses).values(responses);
			await tx.insert(surveyAnswers).values(
				responses.flatMap((response) =>
					statements.map((s, i) => {
						// A triangular spread of about ±2 around the round's mean for the statement.
						const noise = (random() + random() - 1) * 2.6;
						const score = Math.min(5, Math.max(1, Math.round(MEANS[i % MEANS.length][r] + noise)));
						return { responseId: response.id, roundId: round.id, statementId: s.id, score };
					})
				)
			);
		}
	}
}
