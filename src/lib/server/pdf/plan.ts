// The action plan as a PDF a partnership board signs off: the whole area's, or one owner organisation's. Diagrams
// are the layouts the pages draw, through the SVG-string renderer. The same data gives the same text in the same
// order; dates are London's.
import { and, count, desc, eq, isNull, ne } from 'drizzle-orm';
import type { Content, CustomTableLayout, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { db } from '$lib/server/db';
import { actionUpdates, auditLog, memberships, users } from '$lib/server/db/schema';
import { NotFoundError } from '$lib/server/errors';
import { config } from '$lib/server/config';
import { listActions } from '$lib/server/actions';
import { loadMap, mapDataOf } from '$lib/server/map';
import { journeyLayoutOf, networkLayoutOf } from '$lib/server/map/layout';
import type { AreaContext } from '$lib/server/areas';
import { coverageOf, RAG_LABELS, STATUS_LABELS, ACTION_STATUSES, RAGS, type Rag } from '$lib/domain/actions';
import { RATINGS, RATING_LABELS } from '$lib/domain/map/enums';
import { gaps } from '$lib/domain/map/analysis';
import { formatDate, londonToday } from '$lib/domain/dates';
import { HARM_AMONG_RETURNED_ADULTS, NATIONAL_SCALE, PROGRAMME_SOURCE, REPEAT_SHARE, SERIOUS_HARM } from '$lib/domain/programme';
import { shareChart } from '$lib/diagrams/charts';
import { journeySvg, networkSvg, shareChartSvg, tocSvg } from '$lib/diagrams/svg';
import { listRounds, roundResults } from '$lib/server/models/surveys';
import { getToc } from '$lib/server/toc';
import { tocLayoutOf } from '$lib/server/toc/layout';
import { formatMean } from '$lib/domain/surveys';
import { DIRECTION_LABELS, INDICATOR_STATUS_LABELS, TOC_KIND_LABELS } from '$lib/domain/toc';
import { renderPdf, reportFrame } from './index';

/** Page content sizes in points: A4 with 50 pt margins, and room for the running header and footer. */
const PORTRAIT_WIDTH = 495;
const PORTRAIT_HEIGHT = 640;
const LANDSCAPE = { width: 742, height: 410 };
const RAG_COLOURS: Record<Rag, string> = { red: '#a4161a', amber: '#8a5a00', green: '#1e6b3a', none: '#4a5560' };
const NO_OWNER = 'No owner organisation';
/** Thin rules between rows, none between columns: the tables read as lists on paper and on a projector. */
const RULED: CustomTableLayout = {
	hLineWidth: (i) => (i === 0 ? 0 : 0.6),
	vLineWidth: () => 0,
	hLineColor: () => '#aab3bc',
	paddingTop: () => 4,
	paddingBottom: () => 4
};

export interface PlanOptions {
	/** One organisation's plan: an actor of the area's map. */
	ownerActorId?: string | null;
	now?: Date;
}

/** Everything the document shows, gathered in one place so that building the document itself is pure. */
async function planData(context: AreaContext, options: PlanOptions) {
	const now = options.now ?? new Date();
	const areaId = context.area.id;
	const [map, { actions: all }, latest, partners, [changes], rounds, toc] = await Promise.all([
		loadMap(context),
		listActions(context, { sort: 'due' }, londonToday(now)),
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
		getToc(context)
	]);
	// The latest survey round that has answers, against the round before it (rounds come newest first).
	const surveyed = rounds.findIndex((r) => r.responses > 0);
	const survey = surveyed < 0 ? null : await roundResults(context, rounds[surveyed].id, rounds[surveyed + 1]?.id ?? null);
	const owner = options.ownerActorId ? map.actors.find((a) => a.id === options.ownerActorId) : null;
	if (options.ownerActorId && !owner) throw new NotFoundError();
	const actions = owner ? all.filter((a) => a.ownerActorId === owner.id) : all;
	const latestOf = new Map<string, (typeof latest)[number]>();
	for (const u of latest) if (!latestOf.has(u.actionId)) latestOf.set(u.actionId, u);
	const mapData = mapDataOf(map);
	return {
		area: context.area,
		owner: owner ? { id: owner.id, name: owner.name } : null,
		today: londonToday(now),
		now,
		// Every recorded change to the area makes a new version.
		version: changes.n + 1,
		partners: partners.map((p) => p.organisation),
		mapData,
		network: networkLayoutOf(mapData, map.positions),
		journey: journeyLayoutOf(mapData),
		survey,
		toc,
		tocLayout: toc.nodes.length ? tocLayoutOf(toc) : null,
		actions: actions.map((a) => ({ ...a, latest: latestOf.get(a.id) ?? null }))
	};
}
type PlanData = Awaited<ReturnType<typeof planData>>;

/** A section's heading: a new page, in the contents, portrait unless the section needs the width. */
const heading = (text: string, orientation: 'portrait' | 'landscape' = 'portrait'): Content => ({
	text,
	style: 'h1',
	tocItem: true,
	pageBreak: 'before',
	pageOrientation: orientation
});

function keyFigures(rows: [string, string | number][]): Content {
	return {
		table: { widths: [300, 60], body: rows.map(([label, value]) => [label, { text: String(value), alignment: 'right' }]) },
		layout: RULED,
		margin: [0, 4, 0, 12]
	};
}

function summary(data: PlanData): Content[] {
	const counts = coverageOf(
		data.actions.map((a) => ({ status: a.status, dueDate: a.dueDate, handoffIds: a.handoffs.map((h) => h.id) })),
		data.mapData.handoffs,
		data.today
	);
	const ratings = RATINGS.map((r) => [RATING_LABELS[r], data.mapData.handoffs.filter((h) => h.rating === r).length] as [string, number]);
	return [
		heading('Summary'),
		{ text: 'Handoffs on the map, by rating', style: 'h2' },
		keyFigures([...ratings, ['Gaps (marked as gaps, or absent)', gaps(data.mapData).length], ['Broken or absent handoffs no action addresses', counts.unaddressed.length]]),
		{ text: data.owner ? `Actions owned by ${data.owner.name}, by status` : 'Actions by status', style: 'h2' },
		keyFigures([...ACTION_STATUSES.map((s) => [STATUS_LABELS[s], counts.byStatus[s]] as [string, number]), ['All actions', counts.total]]),
		{ text: 'Actions by RAG status', style: 'h2' },
		keyFigures(RAGS.map((r) => [RAG_LABELS[r], counts.byRag[r]])),
		...(data.survey?.compare
			? [
					{ text: `Mental models: ${data.survey.compare.label} to ${data.survey.round.label}`, style: 'h2' } as Content,
					keyFigures([
						['Statements asked in both rounds', shifts(data).length],
						['Average shift in agreement (negative: the assumption is held less)', signed(average(shifts(data)))]
					])
				]
			: [])
	];
}

const shifts = (data: PlanData) => (data.survey?.statements ?? []).map((s) => s.shift).filter((s): s is number => s !== null);
const average = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
const signed = (value: number | null) => (value === null ? 'n/a' : `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(value).toFixed(2)}`);

/** The latest survey round's results per statement, with the shift since the round before. */
function mentalModels(data: PlanData): Content[] {
	const survey = data.survey;
	if (!survey) return [];
	const compare = survey.compare;
	return [
		heading('Mental models: survey results'),
		{
			text: `${survey.round.label}: ${survey.n} anonymous responses${compare ? `, compared with ${compare.label} (${compare.n} responses)` : ''}. Answers run from 1 (strongly disagree) to 5 (strongly agree); agreeing means the assumption is held.`,
			margin: [0, 0, 0, 10]
		},
		{
			table: {
				headerRows: 1,
				widths: ['*', 110, 45, 45, 50],
				body: [
					['Statement', 'Mental model', 'Mean', 'n', 'Shift'].map((text): TableCell => ({ text, style: 'th' })),
					...survey.statements.map((s): TableCell[] => [s.text, s.modelTitle, formatMean(s.summary.mean), String(s.summary.n), signed(s.shift)])
				]
			},
			layout: RULED,
			fontSize: 9.5
		}
	];
}

/** The theory of change as the page draws it, then its indicators with baseline, target, latest and status. */
function theoryOfChange(data: PlanData): Content[] {
	if (!data.tocLayout) return [];
	const indicators = data.toc.nodes.flatMap((n) => n.indicators.map((i) => ({ ...i, nodeTitle: n.title, kind: n.kind })));
	const value = (v: number | null | undefined, unit: string) => (v === null || v === undefined ? '' : `${v}${unit ? ` ${unit}` : ''}`);
	return [
		heading('Theory of change', 'landscape'),
		{ text: 'From inputs at the bottom to the impact at the top; each arrow reads "leads to".', style: 'note' },
		{ svg: tocSvg(data.tocLayout), fit: [LANDSCAPE.width, LANDSCAPE.height - 30] },
		heading('Indicators', 'landscape'),
		indicators.length === 0
			? { text: 'No indicators yet.' }
			: {
					table: {
						headerRows: 1,
						dontBreakRows: true,
						widths: ['*', '*', 70, 90, 90, 90, 60],
						body: [
							['Indicator', 'Outcome', 'Better', 'Baseline', 'Target', 'Latest', 'Status'].map((text): TableCell => ({ text, style: 'th' })),
							...indicators.map((i): TableCell[] => [
								{ stack: [{ text: i.name, bold: true }, i.dataSource ? { text: `Source: ${i.dataSource}`, style: 'note' } : ''] },
								`${i.nodeTitle} (${TOC_KIND_LABELS[i.kind].toLowerCase()})`,
								DIRECTION_LABELS[i.direction],
								`${value(i.baselineValue, i.unit)}, ${formatDate(`${i.baselineDate}T12:00:00Z`)}`,
								`${value(i.targetValue, i.unit)} by ${formatDate(`${i.targetDate}T12:00:00Z`)}`,
								i.latest ? `${value(i.latest.value, i.unit)}, ${formatDate(`${i.latest.date}T12:00:00Z`)}` : 'No reading yet',
								INDICATOR_STATUS_LABELS[i.status]
							])
						]
					},
					layout: RULED,
					fontSize: 9
				}
	];
}

function caseForChange(): Content[] {
	const chart = (title: string, rows: typeof REPEAT_SHARE): Content => ({
		stack: [{ text: title, style: 'h2' }, { svg: shareChartSvg(shareChart(rows, { width: 480 }), title), width: PORTRAIT_WIDTH * 0.8 }],
		margin: [0, 0, 0, 12]
	});
	return [
		heading('The case for change'),
		{
			text: `Nationally, about ${NATIONAL_SCALE.people.toLocaleString('en-GB')} people are reported missing each year, in about ${NATIONAL_SCALE.incidents.toLocaleString('en-GB')} incidents (${NATIONAL_SCALE.source}). Most reports are about someone who has been missing before, and most adults who go missing come to harm while they are away.`,
			margin: [0, 0, 0, 12]
		},
		chart('Share of missing reports that are repeat incidents', REPEAT_SHARE),
		chart('What adults told us after they returned', HARM_AMONG_RETURNED_ADULTS),
		{ text: `Source: ${PROGRAMME_SOURCE}.`, style: 'note' },
		{ text: 'Serious harm', style: 'h2', margin: [0, 12, 0, 4] },
		{ text: `“${SERIOUS_HARM.quote}”`, italics: true, margin: [16, 0, 16, 4] },
		{ text: `Definition of the risk of serious harm: ${SERIOUS_HARM.source}.`, style: 'note' }
	];
}

function diagrams(data: PlanData): Content[] {
	return [
		// Tall rather than wide: an organisation a row, so it takes a portrait page.
		heading('The whole journey'),
		{ text: 'Each handoff between organisations at each stage of going missing, by rating.', style: 'note' },
		{ svg: journeySvg(data.journey), fit: [PORTRAIT_WIDTH, PORTRAIT_HEIGHT] },
		heading('The network of organisations', 'landscape'),
		{ text: `${data.mapData.actors.length} organisations and ${data.mapData.handoffs.length} handoffs.`, style: 'note' },
		{ svg: networkSvg(data.network, data.mapData.handoffs), fit: [LANDSCAPE.width, LANDSCAPE.height - 30] }
	];
}

/** The actions grouped by owner organisation, owners in alphabetical order, unowned last; actions by due date. */
function byOwner(data: PlanData) {
	const groups = new Map<string, PlanData['actions']>();
	for (const a of data.actions) {
		const key = a.ownerActorName ?? NO_OWNER;
		groups.set(key, [...(groups.get(key) ?? []), a]);
	}
	return [...groups.entries()].sort(([a], [b]) => (a === NO_OWNER ? 1 : b === NO_OWNER ? -1 : a.localeCompare(b, 'en-GB')));
}

function actionPlan(data: PlanData): Content[] {
	const content: Content[] = [heading(data.owner ? `Action plan: ${data.owner.name}` : 'The action plan', 'landscape')];
	if (data.actions.length === 0) return [...content, { text: 'No actions yet.' }];
	// Fresh cells for every table: pdfmake writes its measurements into the cell objects it lays out.
	const header = (): TableCell[] => ['Action and what it addresses', 'Owner', 'Due', 'Status', 'RAG', 'Latest update'].map((text) => ({ text, style: 'th' }));
	for (const [owner, actions] of byOwner(data)) {
		content.push({ text: owner, style: 'h2', tocItem: true, tocMargin: [16, 0, 0, 0], headlineLevel: 2 });
		content.push({
			table: {
				headerRows: 1,
				keepWithHeaderRows: 1,
				dontBreakRows: true,
				widths: ['*', 80, 62, 58, 42, '*'],
				body: [
					header(),
					...actions.map((a): TableCell[] => [
						{
							stack: [
								{ text: a.title, bold: true },
								a.handoffs.length ? { text: `Addresses: ${a.handoffs.map((h) => h.label).join('; ')}`, style: 'note' } : ''
							]
						},
						a.ownerUserName ?? '',
						a.dueDate ? formatDate(`${a.dueDate}T12:00:00Z`) : 'No date',
						STATUS_LABELS[a.status],
						{ text: RAG_LABELS[a.rag], color: RAG_COLOURS[a.rag], bold: true },
						a.latest
							? {
									stack: [
										{ text: formatDate(a.latest.at), style: 'note' },
										a.latest.body || (a.latest.statusTo ? `Status set to ${STATUS_LABELS[a.latest.statusTo]}.` : '')
									]
								}
							: { text: 'None yet', style: 'note' }
					])
				]
			},
			layout: RULED,
			fontSize: 9,
			margin: [0, 2, 0, 14]
		});
	}
	return content;
}

function signOff(data: PlanData): Content[] {
	const organisations = data.owner ? [data.owner.name] : [...new Set([...data.partners, ...byOwner(data).map(([o]) => o).filter((o) => o !== NO_OWNER)])].sort((a, b) => a.localeCompare(b, 'en-GB'));
	const cell = (text: string): TableCell => ({ text, margin: [0, 10, 0, 10] });
	return [
		heading('Sign-off'),
		{ text: `Signed on behalf of each organisation, agreeing to this plan (version ${data.version}).`, margin: [0, 0, 0, 10] },
		{
			table: {
				headerRows: 1,
				widths: ['*', 90, 80, 90, 60],
				body: [
					['Organisation', 'Name', 'Role', 'Signature', 'Date'].map((text): TableCell => ({ text, style: 'th' })),
					...organisations.map((o) => [cell(o), cell(' '), cell(' '), cell(' '), cell(' ')])
				]
			}
		}
	];
}

export function planDocument(data: PlanData): TDocumentDefinitions {
	const title = data.owner ? `${data.area.name} action plan: ${data.owner.name}` : `${data.area.name} action plan`;
	return {
		...reportFrame({ title, author: config.orgName, subject: 'A local area’s shared plan to change its response to people who go missing again and again', keywords: 'repeat missing, action plan, partnership', now: data.now }),
		content: [
			{ text: data.area.name, style: 'cover', margin: [0, 160, 0, 8] },
			{ text: data.owner ? `Action plan for ${data.owner.name}` : 'Action plan', style: 'coverSub' },
			{ text: data.area.policeForce, margin: [0, 24, 0, 4] },
			data.partners.length ? { text: `Partners: ${data.partners.join(', ')}`, margin: [0, 0, 0, 4] } : '',
			{ text: `${formatDate(data.now)} · Version ${data.version}`, margin: [0, 0, 0, 4] },
			{ text: `Prepared with ${config.orgName}`, margin: [0, 0, 0, 4] },
			{ toc: { title: { text: 'Contents', style: 'h1' } }, pageBreak: 'before' },
			...summary(data),
			...caseForChange(),
			...diagrams(data),
			...mentalModels(data),
			...theoryOfChange(data),
			...actionPlan(data),
			...signOff(data)
		],
		defaultStyle: { font: 'Roboto', fontSize: 10.5, lineHeight: 1.2, color: '#1a1f24' },
		styles: {
			cover: { fontSize: 30, bold: true, color: '#0b4f5c' },
			coverSub: { fontSize: 20 },
			h1: { fontSize: 18, bold: true, color: '#0b4f5c', margin: [0, 0, 0, 10] },
			h2: { fontSize: 13, bold: true, margin: [0, 6, 0, 4] },
			th: { bold: true, fontSize: 9 },
			note: { fontSize: 9, color: '#4a5560' },
			running: { fontSize: 8.5, color: '#4a5560' }
		}
	};
}

/** The area's action plan, or one owner organisation's (`ownerActorId`, an actor of the area: otherwise 404). */
export async function actionPlanPdf(context: AreaContext, options: PlanOptions = {}) {
	const document = planDocument(await planData(context, options));
	return { title: document.info!.title!, pdf: await renderPdf(document) };
}
