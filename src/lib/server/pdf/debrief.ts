// A Hydra exercise's debrief as a PDF for the room and the partners afterwards: the injects as control released them,
// every syndicate's decisions inject by inject, the anonymous board's answers without attribution, and the learning
// points with the actions they became. Built like the action plan: data gathered first, the document a pure function
// of it; times are London's.
import { and, asc, eq } from 'drizzle-orm';
import type { Content, CustomTableLayout, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { db } from '$lib/server/db';
import {
	hydraBoardPosts,
	hydraDecisions,
	hydraEvents,
	hydraExercises,
	hydraInjects,
	hydraObserverNotes,
	hydraReleases,
	hydraScenarios,
	hydraSyndicates,
	users
} from '$lib/server/db/schema';
import { NotFoundError } from '$lib/server/errors';
import { config } from '$lib/server/config';
import { listLearningPoints } from '$lib/server/hydra/learning';
import { audienceLabel, HYDRA_SECTOR_LABELS, type HydraSector } from '$lib/domain/hydra';
import { STATUS_LABELS } from '$lib/domain/actions';
import { formatDate, ZONE } from '$lib/domain/dates';
import { isStaff } from '$lib/domain/roles';
import type { SessionUser } from '$lib/server/auth/session';
import { renderPdf, reportFrame } from './index';

/** Thin rules between rows, none between columns, as in the action plan. */
const RULED: CustomTableLayout = {
	hLineWidth: (i) => (i === 0 ? 0 : 0.6),
	vLineWidth: () => 0,
	hLineColor: () => '#aab3bc',
	paddingTop: () => 4,
	paddingBottom: () => 4
};
const clock = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit' });
/** Real time of day in London: what the room's clocks said when a decision was logged. */
const timeOfDay = (at: Date) => clock.format(at);

/**
 * The participants' copy goes to the room and the partners; the facilitator's copy adds what observers noted about
 * the syndicates, which the participants never see.
 */
export const DEBRIEF_COPIES = ['participants', 'facilitator'] as const;
export type DebriefCopy = (typeof DEBRIEF_COPIES)[number];

export interface DebriefOptions {
	now?: Date;
	copy?: DebriefCopy;
}


/** Everything the document shows, for one exercise only. */
async function debriefData(user: SessionUser, exerciseId: string, options: DebriefOptions) {
	if (!isStaff(user.role)) throw new NotFoundError();
	const [row] = await db
		.select({ exercise: hydraExercises, scenario: { title: hydraScenarios.title, summary: hydraScenarios.summary }, eventPlace: hydraEvents.place, facilitator: users.name })
		.from(hydraExercises)
		.innerJoin(hydraScenarios, eq(hydraScenarios.id, hydraExercises.scenarioId))
		.leftJoin(hydraEvents, eq(hydraEvents.id, hydraExercises.eventId))
		.leftJoin(users, eq(users.id, hydraExercises.facilitatorId))
		.where(eq(hydraExercises.id, exerciseId));
	if (!row) throw new NotFoundError();
	const [syndicates, releases, decisions, posts, points] = await Promise.all([
		db
			.select({ id: hydraSyndicates.id, teamName: hydraSyndicates.teamName, agency: hydraSyndicates.agency })
			.from(hydraSyndicates)
			.where(eq(hydraSyndicates.exerciseId, exerciseId))
			.orderBy(asc(hydraSyndicates.createdAt), asc(hydraSyndicates.teamName)),
		db
			.select({
				id: hydraInjects.id,
				position: hydraInjects.position,
				scenarioTime: hydraInjects.scenarioTime,
				title: hydraInjects.title,
				audience: hydraInjects.audience,
				expectedResponse: hydraInjects.expectedResponse,
				releasedAt: hydraReleases.releasedAt
			})
			.from(hydraReleases)
			.innerJoin(hydraInjects, eq(hydraInjects.id, hydraReleases.injectId))
			.where(eq(hydraReleases.exerciseId, exerciseId))
			.orderBy(asc(hydraReleases.releasedAt), asc(hydraInjects.position)),
		db
			.select({ syndicateId: hydraDecisions.syndicateId, injectId: hydraDecisions.injectId, decision: hydraDecisions.decision, rationale: hydraDecisions.rationale, agency: hydraDecisions.agency, at: hydraDecisions.createdAt })
			.from(hydraDecisions)
			.where(eq(hydraDecisions.exerciseId, exerciseId))
			.orderBy(asc(hydraDecisions.createdAt), asc(hydraDecisions.id)),
		// No time and no author leave the database: the board is anonymous, and answers are printed in word order. Held
		// and hidden answers never leave it either: a PDF is kept and shared for good.
		db
			.select({ prompt: hydraBoardPosts.prompt, text: hydraBoardPosts.text })
			.from(hydraBoardPosts)
			.where(and(eq(hydraBoardPosts.exerciseId, exerciseId), eq(hydraBoardPosts.status, 'shown')))
			.orderBy(asc(hydraBoardPosts.createdAt)),
		listLearningPoints(user, exerciseId)
	]);
	const copy = options.copy ?? 'participants';
	// Observers' notes are read only for the facilitator's copy: the participants' copy cannot leak what it never holds.
	const notes =
		copy === 'facilitator'
			? await db
					.select({ text: hydraObserverNotes.text, syndicateId: hydraObserverNotes.syndicateId, at: hydraObserverNotes.createdAt, author: users.name })
					.from(hydraObserverNotes)
					.leftJoin(users, eq(users.id, hydraObserverNotes.authorId))
					.where(eq(hydraObserverNotes.exerciseId, exerciseId))
					.orderBy(asc(hydraObserverNotes.createdAt), asc(hydraObserverNotes.id))
			: [];
	const prompts = new Map<string, string[]>();
	for (const p of posts) prompts.set(p.prompt, [...(prompts.get(p.prompt) ?? []), p.text]);
	const held = row.exercise.startedAt ?? row.exercise.createdAt;
	return {
		exercise: row.exercise,
		scenario: row.scenario,
		place: row.eventPlace,
		facilitator: row.facilitator,
		held,
		now: options.now ?? new Date(),
		syndicates,
		releases,
		decisions,
		copy,
		notes,
		board: [...prompts.entries()].map(([prompt, answers]) => ({ prompt, answers: [...answers].sort((a, b) => a.localeCompare(b, 'en-GB')) })),
		points
	};
}
type DebriefData = Awaited<ReturnType<typeof debriefData>>;

const heading = (text: string, orientation: 'portrait' | 'landscape' = 'portrait'): Content => ({
	text,
	style: 'h1',
	tocItem: true,
	pageBreak: 'before',
	pageOrientation: orientation
});

function cover(data: DebriefData): Content[] {
	return [
		{ text: data.exercise.title, style: 'cover', margin: [0, 140, 0, 8] },
		{ text: data.copy === 'facilitator' ? 'Hydra exercise debrief: facilitator’s copy' : 'Hydra exercise debrief', style: 'coverSub' },
		data.copy === 'facilitator' ? { text: 'Holds observers’ notes about the syndicates: not for participants.', bold: true, margin: [0, 8, 0, 0] } : '',
		{ text: `Scenario: ${data.scenario.title}`, margin: [0, 24, 0, 4] },
		{ text: `Held on ${formatDate(data.held)}${data.place ? ` at ${data.place}` : ''}`, margin: [0, 0, 0, 4] },
		data.facilitator ? { text: `Facilitated by ${data.facilitator}`, margin: [0, 0, 0, 4] } : '',
		{ text: 'Syndicates', style: 'h2', margin: [0, 18, 0, 4] },
		data.syndicates.length
			? { ul: data.syndicates.map((s) => `${s.teamName} (${HYDRA_SECTOR_LABELS[s.agency]})`) }
			: { text: 'No syndicate joined.' },
		{ text: `Prepared with ${config.orgName} on ${formatDate(data.now)}. Decisions and board answers are as the syndicates wrote them.`, style: 'note', margin: [0, 24, 0, 0] }
	];
}

function timeline(data: DebriefData): Content[] {
	return [
		heading('Timeline of injects'),
		{ text: 'In the order control released them; scenario time is the story’s clock, not the room’s.', style: 'note', margin: [0, 0, 0, 8] },
		data.releases.length === 0
			? { text: 'No inject was released.' }
			: {
					table: {
						headerRows: 1,
						dontBreakRows: true,
						widths: [22, 80, '*', 110, 40],
						body: [
							['#', 'Scenario time', 'Inject', 'Seen by', 'At'].map((text): TableCell => ({ text, style: 'th' })),
							...data.releases.map((r, n): TableCell[] => [String(n + 1), r.scenarioTime, { text: r.title, bold: true }, audienceLabel(r.audience as HydraSector[]), timeOfDay(r.releasedAt)])
						]
					},
					layout: RULED,
					fontSize: 9.5
				}
	];
}

/** Each syndicate on its own, inject by inject, with the injects it was shown; its decisions in the order logged. */
function decisions(data: DebriefData): Content[] {
	const content: Content[] = [heading('Decisions by syndicate')];
	if (data.syndicates.length === 0) return [...content, { text: 'No syndicate joined.' }];
	const header = (): TableCell[] => ['Decision', 'Rationale', 'Agency', 'Time'].map((text) => ({ text, style: 'th' }));
	for (const [i, s] of data.syndicates.entries()) {
		content.push({ text: `${s.teamName} (${HYDRA_SECTOR_LABELS[s.agency]})`, style: 'h2', tocItem: true, tocMargin: [16, 0, 0, 0], headlineLevel: 2, margin: [0, i === 0 ? 0 : 14, 0, 4] });
		const mine = data.decisions.filter((d) => d.syndicateId === s.id);
		const shown = data.releases.filter((r) => r.audience.length === 0 || (r.audience as string[]).includes(s.agency) || mine.some((d) => d.injectId === r.id));
		if (shown.length === 0) content.push({ text: 'No inject was released to this syndicate.', style: 'note' });
		for (const r of shown) {
			const rows = mine.filter((d) => d.injectId === r.id);
			content.push({ text: `${r.scenarioTime} · ${r.title}`, style: 'h3', headlineLevel: 2 });
			if (r.expectedResponse) content.push({ text: [{ text: 'Expected response: ', bold: true }, r.expectedResponse], style: 'note', margin: [0, 0, 0, 4] });
			content.push(
				rows.length === 0
					? { text: 'No decision recorded.', style: 'note', margin: [0, 0, 0, 6] }
					: {
							table: {
								headerRows: 1,
								keepWithHeaderRows: 1,
								dontBreakRows: true,
								widths: ['*', '*', 90, 34],
								body: [header(), ...rows.map((d): TableCell[] => [{ text: d.decision, bold: true }, d.rationale || { text: 'No rationale given.', style: 'note' }, HYDRA_SECTOR_LABELS[d.agency], timeOfDay(d.at)])]
							},
							layout: RULED,
							fontSize: 9.5,
							margin: [0, 0, 0, 8]
						}
			);
		}
	}
	return content;
}

function board(data: DebriefData): Content[] {
	const content: Content[] = [
		heading('Anonymous debrief board'),
		{ text: 'Everyone wrote at once without their name; answers are listed in alphabetical order, so neither author nor order is recorded.', style: 'note', margin: [0, 0, 0, 8] }
	];
	if (data.board.length === 0) return [...content, { text: 'The board was not used.' }];
	for (const { prompt, answers } of data.board) {
		content.push({ text: prompt, style: 'h2', headlineLevel: 2 });
		content.push({ ul: answers, margin: [0, 0, 0, 10] });
	}
	return content;
}

/** The facilitator's copy only: what observers noted, oldest first, each with whom it is about. */
function observerNotes(data: DebriefData): Content[] {
	if (data.copy !== 'facilitator') return [];
	const name = new Map(data.syndicates.map((s) => [s.id, s.teamName]));
	const content: Content[] = [heading('Observers’ notes'), { text: 'For the facilitator: the syndicates never saw these.', style: 'note', margin: [0, 0, 0, 8] }];
	if (data.notes.length === 0) return [...content, { text: 'No observer notes were taken.' }];
	content.push({
		ul: data.notes.map((n) => ({
			stack: [
				{ text: n.text },
				{ text: `${n.syndicateId ? `About ${name.get(n.syndicateId) ?? 'a syndicate'}` : 'About the whole exercise'} · ${n.author ?? 'Former staff member'} · ${timeOfDay(n.at)}`, style: 'note' }
			],
			margin: [0, 0, 0, 6]
		}))
	});
	return content;
}

function learningPoints(data: DebriefData): Content[] {
	const content: Content[] = [heading('Learning points')];
	if (data.points.length === 0) return [...content, { text: 'No learning points recorded.' }];
	content.push({
		ol: data.points.map((p) => ({
			stack: [
				{ text: p.text },
				...(p.injectTitle ? [{ text: `Arose from: ${p.injectTime} · ${p.injectTitle}`, style: 'note' }] : []),
				p.action
					? {
							text: `Action on the ${p.action.areaName} plan: ${p.action.title} (${STATUS_LABELS[p.action.status]}${p.action.dueDate ? `, due ${formatDate(`${p.action.dueDate}T12:00:00Z`)}` : ''})`,
							style: 'note',
							bold: true
						}
					: { text: p.actionId ? 'An action on the plan of an area you are not a member of.' : 'Not yet an action.', style: 'note' }
			],
			margin: [0, 0, 0, 8]
		}))
	});
	return content;
}

export function debriefDocument(data: DebriefData): TDocumentDefinitions {
	const title = `Debrief: ${data.exercise.title}${data.copy === 'facilitator' ? ' (facilitator’s copy)' : ''}`;
	return {
		...reportFrame({ title, author: config.orgName, subject: `The debrief of a Hydra exercise on the scenario “${data.scenario.title}”`, keywords: 'Hydra, simulation, debrief, repeat missing', now: data.now }),
		content: [
			...cover(data),
			{ toc: { title: { text: 'Contents', style: 'h1' } }, pageBreak: 'before' },
			...timeline(data),
			...decisions(data),
			...board(data),
			...observerNotes(data),
			...learningPoints(data)
		],
		defaultStyle: { font: 'Roboto', fontSize: 10.5, lineHeight: 1.2, color: '#1a1f24' },
		styles: {
			cover: { fontSize: 28, bold: true, color: '#0b4f5c' },
			coverSub: { fontSize: 18 },
			h1: { fontSize: 18, bold: true, color: '#0b4f5c', margin: [0, 0, 0, 10] },
			h2: { fontSize: 13, bold: true, margin: [0, 6, 0, 4] },
			h3: { fontSize: 10.5, bold: true, color: '#0b4f5c', margin: [0, 6, 0, 3] },
			th: { bold: true, fontSize: 9 },
			note: { fontSize: 9, color: '#4a5560' },
			running: { fontSize: 8.5, color: '#4a5560' }
		}
	};
}

/** The debrief of one exercise, for staff; anything else is not found. */
export async function debriefPdf(user: SessionUser, exerciseId: string, options: DebriefOptions = {}) {
	const document = debriefDocument(await debriefData(user, exerciseId, options));
	return { title: document.info!.title!, pdf: await renderPdf(document) };
}
