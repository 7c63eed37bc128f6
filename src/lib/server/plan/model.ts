// The plan a board signs, as one plain model: the PDF (pdf/plan.ts) and the web page (/app/areas/[slug]/plan) are both
// drawn from it, so the two can never disagree, and an issued version keeps the model it was built from (JSON).
import { and, asc, count, desc, eq, isNull, isNotNull, ne } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { actionLinks, actionUpdates, auditLog, memberships, mentalModels, tocNodes, users } from '$lib/server/db/schema';
import { NotFoundError } from '$lib/server/errors';
import { config } from '$lib/server/config';
import { listActions } from '$lib/server/actions';
import { loadMap, mapDataOf } from '$lib/server/map';
import { journeyLayoutOf, networkLayoutOf } from '$lib/server/map/layout';
import type { AreaContext } from '$lib/server/areas';
import { coverageOf, RAG_LABELS, STATUS_LABELS, ACTION_STATUSES, RAGS, type ActionStatus, type Rag } from '$lib/domain/actions';
import { RATINGS, RATING_LABELS, STAGES, STAGE_LABELS, type Rating } from '$lib/domain/map/enums';
import { gaps } from '$lib/domain/map/analysis';
import { formatDate, londonToday } from '$lib/domain/dates';
import { REPEAT_SHARE } from '$lib/domain/programme';
import { repeatShareChart } from '$lib/diagrams/charts';
import { tocLinkBadges, type TocLayout } from '$lib/diagrams/toc';
import { listRounds, roundResults } from '$lib/server/models/surveys';
import { workshopRecord } from '$lib/server/rooms/record';
import { getToc, type Toc } from '$lib/server/toc';
import { listFigures } from '$lib/server/toc/figures';
import { flagsOf, tocLayoutOf } from '$lib/server/toc/layout';
import { formatMean } from '$lib/domain/surveys';
import { DIRECTION_LABELS, INDICATOR_STATUS_LABELS, TOC_KIND_LABELS, TOC_KINDS, isMeasured, kindRank, pathwaysOf, valueText, type TocKind, percentText, within72hShare, quarterLabel } from '$lib/domain/toc';

export interface PlanOptions {
	/** One organisation's plan: an actor of the area's map. */
	ownerActorId?: string | null;
	/** A workshop room of the area whose record the plan carries (notes, votes, what it added to the map). */
	roomId?: string | null;
	now?: Date;
}

export const NO_OWNER = 'No owner organisation';

/** The plan's sections in order, by id: the PDF's contents and outline and the page's headings. */
export const SECTION_TITLES = {
	summary: 'What this plan will change',
	case: 'The case for change',
	figures: 'Missing figures by quarter',
	models: 'Mental models: survey results',
	toc: 'Theory of change',
	links: 'Why each step leads to the next',
	indicators: 'Indicators',
	workshop: 'Workshop record',
	journey: 'The whole journey',
	network: 'The network of organisations',
	actions: 'The action plan',
	signoff: 'Sign-off'
} as const;
export type SectionId = keyof typeof SECTION_TITLES;

const dateText = (iso: string) => formatDate(`${iso}T12:00:00Z`);
const signed = (value: number | null) => (value === null ? 'n/a' : `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(value).toFixed(2)}`);

/** Everything the plan shows. Plain data (JSON-safe), so a version can be kept and shown again exactly. */
export async function planModel(context: AreaContext, options: PlanOptions = {}) {
	const now = options.now ?? new Date();
	const today = londonToday(now);
	const areaId = context.area.id;
	const [map, { actions: all }, latest, partners, [changes], rounds, toc, figures, ties, workshop] = await Promise.all([
		loadMap(context),
		listActions(context, { sort: 'due' }, today),
		db
			.select({ actionId: actionUpdates.actionId, body: actionUpdates.body, statusTo: actionUpdates.statusTo, at: actionUpdates.createdAt })
			.from(actionUpdates)
			.where(eq(actionUpdates.areaId, areaId))
			.orderBy(desc(actionUpdates.createdAt), desc(actionUpdates.id)),
		db
			.selectDistinct({ organisation: users.organisation })
			.from(memberships)
			.innerJoin(users, eq(users.id, memberships.userId))
			.where(and(eq(memberships.areaId, areaId), eq(users.role, 'partner'), isNull(users.disabledAt), ne(users.organisation, '')))
			.orderBy(users.organisation),
		db.select({ n: count() }).from(auditLog).where(eq(auditLog.areaId, areaId)),
		listRounds(context),
		getToc(context),
		listFigures(context),
		// What each action works toward (steps of the theory of change) and which mental models it shifts.
		db
			.select({ actionId: actionLinks.actionId, stepTitle: tocNodes.title, stepKind: tocNodes.kind, modelTitle: mentalModels.title })
			.from(actionLinks)
			.leftJoin(tocNodes, and(eq(tocNodes.areaId, actionLinks.areaId), eq(tocNodes.id, actionLinks.tocNodeId)))
			.leftJoin(mentalModels, and(eq(mentalModels.areaId, actionLinks.areaId), eq(mentalModels.id, actionLinks.modelId)))
			.where(and(eq(actionLinks.areaId, areaId), isNotNull(actionLinks.actionId)))
			.orderBy(asc(tocNodes.title), asc(mentalModels.title)),
		options.roomId ? workshopRecord(context, options.roomId, now) : null
	]);
	const surveyed = rounds.findIndex((r) => r.responses > 0);
	const survey = surveyed < 0 ? null : await roundResults(context, rounds[surveyed].id, rounds[surveyed + 1]?.id ?? null);
	const owner = options.ownerActorId ? map.actors.find((a) => a.id === options.ownerActorId) : null;
	if (options.ownerActorId && !owner) throw new NotFoundError();
	const actions = owner ? all.filter((a) => a.ownerActorId === owner.id) : all;
	const latestOf = new Map<string, (typeof latest)[number]>();
	for (const u of latest) if (!latestOf.has(u.actionId)) latestOf.set(u.actionId, u);
	const stepsOf = new Map<string, { title: string; kind: TocKind }[]>();
	const modelsOf = new Map<string, string[]>();
	for (const t of ties) {
		if (t.stepTitle) stepsOf.set(t.actionId, [...(stepsOf.get(t.actionId) ?? []), { title: t.stepTitle, kind: t.stepKind! }]);
		if (t.modelTitle) modelsOf.set(t.actionId, [...(modelsOf.get(t.actionId) ?? []), t.modelTitle]);
	}
	const mapData = mapDataOf(map);
	const nameOf = new Map(mapData.actors.map((a) => [a.id, a.name]));
	const journey = journeyLayoutOf(mapData);
	const handoffOf = new Map(mapData.handoffs.map((h) => [h.id, h]));

	const counts = coverageOf(
		actions.map((a) => ({ status: a.status, dueDate: a.dueDate, handoffIds: a.handoffs.map((h) => h.id) })),
		mapData.handoffs,
		today
	);
	const broken = mapData.handoffs.filter((h) => h.rating === 'broken' || h.rating === 'absent');
	const addressed = new Set(actions.flatMap((a) => a.handoffs.map((h) => h.id)));
	const stepText = (s: { title: string; kind: TocKind }) => `${s.title} (${TOC_KIND_LABELS[s.kind].toLowerCase()})`;
	const steps = [...new Set(actions.flatMap((a) => (stepsOf.get(a.id) ?? []).map(stepText)))];
	const outcomes = [...new Set(actions.flatMap((a) => (stepsOf.get(a.id) ?? []).filter((s) => isMeasured(s.kind)).map(stepText)))];
	const models = [...new Set(actions.flatMap((a) => modelsOf.get(a.id) ?? []))];
	const shifts = (survey?.statements ?? []).map((s) => s.shift).filter((s): s is number => s !== null);
	const averageShift = shifts.length ? shifts.reduce((a, b) => a + b, 0) / shifts.length : null;

	// In words: what the actions will change, from what they are tied to.
	const words = [
		`${actions.length} ${actions.length === 1 ? 'action' : 'actions'}${owner ? ` owned by ${owner.name}` : ''} ${actions.length === 1 ? 'addresses' : 'address'} ${broken.filter((h) => addressed.has(h.id)).length} of the ${broken.length} broken or absent handoffs on the map${counts.unaddressed.length ? `; ${counts.unaddressed.length} still have no action` : ''}.`,
		steps.length
			? `They carry out or work toward ${steps.length === 1 ? 'one step' : `${steps.length} steps`} of the theory of change: ${steps.join('; ')}${outcomes.length ? '' : '; none is tied to an outcome yet'}.`
			: 'No action is tied to a step of the theory of change yet.',
		models.length ? `They set out to shift ${models.length === 1 ? 'one mental model' : `${models.length} mental models`}: ${models.join('; ')}.` : 'No action is tied to a mental model yet.'
	];

	const tocLayout = toc.nodes.length ? tocLayoutOf(toc) : null;
	const stepOf = new Map(toc.nodes.map((n) => [n.id, n]));
	// Links numbered from the impact down, then left to right, so the table reads in the order of the picture.
	const boxOf = new Map((tocLayout?.nodes ?? []).map((n) => [n.id, n]));
	const orderedLinks = [...toc.links].sort(
		(a, b) =>
			kindRank(stepOf.get(a.toNodeId)!.kind) - kindRank(stepOf.get(b.toNodeId)!.kind) ||
			(boxOf.get(a.toNodeId)?.x ?? 0) - (boxOf.get(b.toNodeId)?.x ?? 0) ||
			(boxOf.get(a.fromNodeId)?.x ?? 0) - (boxOf.get(b.fromNodeId)?.x ?? 0) ||
			(a.id < b.id ? -1 : 1)
	);
	const value = (v: number | null | undefined, unit: string) => (v === null || v === undefined ? '' : `${valueText(v)}${unit ? ` ${unit}` : ''}`);
	const chart = figures.length ? repeatShareChart(figures, REPEAT_SHARE, { format: (n) => `${valueText(n)}%` }) : null;

	const groups = new Map<string, typeof actions>();
	for (const a of actions) groups.set(a.ownerActorName ?? NO_OWNER, [...(groups.get(a.ownerActorName ?? NO_OWNER) ?? []), a]);
	const byOwner = [...groups.entries()].sort(([a], [b]) => (a === NO_OWNER ? 1 : b === NO_OWNER ? -1 : a.localeCompare(b, 'en-GB')));

	return {
		title: owner ? `${context.area.name} action plan: ${owner.name}` : `${context.area.name} action plan`,
		areaName: context.area.name,
		areaSlug: context.area.slug,
		policeForce: context.area.policeForce,
		ownerName: owner?.name ?? null,
		orgName: config.orgName,
		builtAt: now.toISOString(),
		builtOn: formatDate(now),
		/** Every recorded change to the area so far: a version issued at this count is current until the next change. */
		changes: changes.n,
		partners: partners.map((p) => p.organisation),
		summary: {
			lead: context.area.planSummary.trim(),
			words,
			ratings: RATINGS.map((r) => [RATING_LABELS[r], mapData.handoffs.filter((h) => h.rating === r).length] as [string, number]),
			gaps: gaps(mapData).length,
			unaddressed: counts.unaddressed.length,
			byStatus: ACTION_STATUSES.map((s) => [STATUS_LABELS[s], counts.byStatus[s]] as [string, number]),
			total: counts.total,
			byRag: RAGS.map((r) => [RAG_LABELS[r], counts.byRag[r]] as [string, number]),
			shift: survey?.compare ? { from: survey.compare.label, to: survey.round.label, statements: shifts.length, average: signed(averageShift) } : null
		},
		figures: figures.map((f) => ({
			quarter: f.quarter,
			label: quarterLabel(f.quarter),
			missingReports: valueText(f.missingReports),
			peopleReported: valueText(f.peopleReported),
			adults: `${valueText(f.repeatShareAdults)}%`,
			children: `${valueText(f.repeatShareChildren)}%`,
			offered: valueText(f.returnInterviewsOffered),
			within72h: `${valueText(f.returnInterviewsWithin72h)} (${percentText(within72hShare(f.returnInterviewsOffered, f.returnInterviewsWithin72h)) || '—'})`
		})),
		figuresChart: chart?.layout ?? null,
		survey: survey
			? {
					label: survey.round.label,
					n: survey.n,
					compare: survey.compare ? { label: survey.compare.label, n: survey.compare.n } : null,
					statements: survey.statements.map((s) => ({ text: s.text, model: s.modelTitle, mean: formatMean(s.summary.mean), n: String(s.summary.n), shift: signed(s.shift) }))
				}
			: null,
		journey: {
			layout: journey,
			sectors: [...new Set(mapData.actors.map((a) => a.sector))],
			key: [...journey.badges]
				.sort((a, b) => a.number - b.number)
				.map((b) => {
					const h = handoffOf.get(b.id)!;
					return { number: b.number, stage: STAGE_LABELS[h.stage], label: h.label, from: nameOf.get(h.fromActorId) ?? '', to: nameOf.get(h.toActorId) ?? '', rating: RATING_LABELS[h.rating] };
				}),
			stages: STAGES.map((s) => STAGE_LABELS[s])
		},
		network: {
			layout: networkLayoutOf(mapData, map.positions),
			handoffs: mapData.handoffs,
			actors: mapData.actors.map((a) => ({ name: a.name, sector: a.sector })),
			sectors: [...new Set(mapData.actors.map((a) => a.sector))],
			handoffRows: mapData.handoffs.map((h) => ({ label: h.label, from: nameOf.get(h.fromActorId) ?? '', to: nameOf.get(h.toActorId) ?? '', stage: STAGE_LABELS[h.stage], rating: RATING_LABELS[h.rating as Rating] }))
		},
		toc: tocLayout
			? {
					layout: tocLayout,
					badges: tocLinkBadges(tocLayout, orderedLinks.map((l) => l.id)),
					// For paper, where the whole is too large to read: each pathway drawn on its own, links keeping their numbers.
					pathways: tocPathways(toc, tocLayout, orderedLinks.map((l) => l.id)),
					steps: TOC_KINDS.flatMap((kind) => toc.nodes.filter((n) => n.kind === kind).map((n) => ({ title: n.title, kind: TOC_KIND_LABELS[n.kind], flags: flagsOf(n) }))),
					links: orderedLinks.map((l, i) => ({
						number: i + 1,
						from: `${stepOf.get(l.fromNodeId)!.title} (${TOC_KIND_LABELS[stepOf.get(l.fromNodeId)!.kind].toLowerCase()})`,
						to: `${stepOf.get(l.toNodeId)!.title} (${TOC_KIND_LABELS[stepOf.get(l.toNodeId)!.kind].toLowerCase()})`,
						rationale: l.rationale,
						assumptions: l.assumptions
					})),
					isolated: toc.nodes.filter((n) => n.flags.isolated).map((n) => `${n.title} (${TOC_KIND_LABELS[n.kind].toLowerCase()})`),
					// Indicators beside their outcome: grouped by step, from the impact down.
					indicators: TOC_KINDS.flatMap((kind) =>
						toc.nodes
							.filter((n) => n.kind === kind)
							.flatMap((n) =>
								n.indicators.map((i) => ({
									outcome: `${n.title} (${TOC_KIND_LABELS[n.kind].toLowerCase()})`,
									name: i.name,
									source: i.dataSource,
									better: DIRECTION_LABELS[i.direction],
									baseline: `${value(i.baselineValue, i.unit)}, ${dateText(i.baselineDate)}`,
									target: `${value(i.targetValue, i.unit)} by ${dateText(i.targetDate)}`,
									latest: i.latest ? `${value(i.latest.value, i.unit)}, ${dateText(i.latest.date)}` : 'No reading yet',
									status: INDICATOR_STATUS_LABELS[i.status]
								}))
							)
					)
				}
			: null,
		workshop,
		actions: byOwner.map(([group, list]) => ({
			owner: group,
			actions: list.map((a) => {
				const u = latestOf.get(a.id);
				return {
					title: a.title,
					ownerPerson: a.ownerUserName ?? '',
					due: a.dueDate ? dateText(a.dueDate) : 'No date',
					status: STATUS_LABELS[a.status as ActionStatus],
					rag: a.rag as Rag,
					ragLabel: RAG_LABELS[a.rag],
					handoffs: a.handoffs.map((h) => h.label),
					outcomes: (stepsOf.get(a.id) ?? []).map(stepText),
					models: modelsOf.get(a.id) ?? [],
					latest: u ? { on: formatDate(u.at), text: u.body || (u.statusTo ? `Status set to ${STATUS_LABELS[u.statusTo]}.` : '') } : null
				};
			})
		})),
		signatories: owner
			? [owner.name]
			: [...new Set([...partners.map((p) => p.organisation), ...byOwner.map(([o]) => o).filter((o) => o !== NO_OWNER)])].sort((a, b) => a.localeCompare(b, 'en-GB'))
	};
}
/** Where the PDF draws the whole theory of change, in points: a portrait page less its heading, note and legend. */
export const TOC_PRINT_BOX = { width: 495, height: 490 };
/** The smallest step text, in points, the printed theory of change may have; below it, it prints a pathway a page. */
const SMALLEST_PRINTED_TEXT = 7;

/**
 * The theory of change a pathway a page, only when the whole would print too small to read and splitting helps (more
 * than one pathway, each narrower than the whole); otherwise none, so nothing is laid out for nothing.
 */
function tocPathways(toc: Toc, whole: TocLayout, linkOrder: string[]) {
	const scale = Math.min(TOC_PRINT_BOX.width / whole.width, TOC_PRINT_BOX.height / whole.height);
	if (scale * whole.fontSize >= SMALLEST_PRINTED_TEXT) return [];
	const pathways = pathwaysOf(toc.nodes, toc.links.map((l) => ({ id: l.id, from: l.fromNodeId, to: l.toNodeId }))).map((p) => {
		const layout = tocLayoutOf({ ...toc, nodes: toc.nodes.filter((n) => p.nodeIds.has(n.id)), links: toc.links.filter((l) => p.linkIds.has(l.id)) });
		return { toward: p.outcome.title, layout, badges: tocLinkBadges(layout, linkOrder) };
	});
	return pathways.length > 1 && pathways.every((p) => p.layout.width < whole.width) ? pathways : [];
}

export type PlanModel = Awaited<ReturnType<typeof planModel>>;

/** The sections a plan holds, in order (a section with nothing to show is left out). */
export function sectionsOf(model: PlanModel): { id: SectionId; title: string }[] {
	const present: Record<SectionId, boolean> = {
		summary: true,
		case: true,
		figures: model.figures.length > 0,
		models: model.survey !== null,
		journey: true,
		network: true,
		toc: model.toc !== null,
		links: model.toc !== null,
		indicators: model.toc !== null,
		workshop: model.workshop !== null,
		actions: true,
		signoff: true
	};
	const titleOf = (id: SectionId) =>
		id === 'actions' && model.ownerName ? `Action plan: ${model.ownerName}` : id === 'workshop' && model.workshop ? `Workshop record: ${model.workshop.title}` : SECTION_TITLES[id];
	return (Object.keys(SECTION_TITLES) as SectionId[]).filter((id) => present[id]).map((id) => ({ id, title: titleOf(id) }));
}
