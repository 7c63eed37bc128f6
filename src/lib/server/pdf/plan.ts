// The action plan as a PDF a partnership board signs off: the whole area's, or one owner organisation's. A pure function
// of the plan model (the web page draws the same model); diagrams are the layouts the pages draw, through the
// SVG-string renderer, each with its legend. Text pages are portrait; the wide diagrams and tables that follow them
// are landscape, so the orientation changes once. Dates are London's.
import type { Content, ContentStack, ContentText, CustomTableLayout, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { AreaContext } from '$lib/server/areas';
import type { Rag } from '$lib/domain/actions';
import { link } from '$lib/server/mail';
import { HARM_AMONG_RETURNED_ADULTS, NATIONAL_SCALE, PROGRAMME_SOURCE, REPEAT_SHARE, SERIOUS_HARM, sourceText } from '$lib/domain/programme';
import { shareChart } from '$lib/diagrams/charts';
import { journeyBands } from '$lib/diagrams/journey';
import { journeyLegend, journeySvg, legendSvg, networkLegend, networkSvg, seriesChartSvg, shareChartSvg, tocLegend, tocSvg } from '$lib/diagrams/svg';
import { planModel, sectionsOf, TOC_PRINT_BOX, type PlanModel, type PlanOptions, type SectionId } from '$lib/server/plan/model';
import { renderPdf, reportFrame } from './index';

export type { PlanOptions };

/** Page content sizes in points: A4 with 50 pt margins, and room for the running header and footer. */
const PORTRAIT = { width: 495, height: 640 };
const LANDSCAPE = { width: 742, height: 400 };
/** The whole height a landscape page has for content, between the running header and footer. */
const LANDSCAPE_PAGE = 470;
// The title above a swimlane band's key (9-point bold, with its margins), and a little to spare.
const KEY_TITLE_HEIGHT = 26;
const RAG_COLOURS: Record<Rag, string> = { red: '#a4161a', amber: '#8a5a00', green: '#1e6b3a', none: '#4a5560' };
/** Thin rules between rows, none between columns: the tables read as lists on paper and on a projector. */
const RULED: CustomTableLayout = {
	hLineWidth: (i) => (i === 0 ? 0 : 0.6),
	vLineWidth: () => 0,
	hLineColor: () => '#aab3bc',
	paddingTop: () => 4,
	paddingBottom: () => 4
};
const LANDSCAPE_SECTIONS: readonly SectionId[] = ['journey', 'network', 'actions', 'signoff'];

type Title = (id: SectionId) => string;

/** A section's heading: a new page, in the contents and the outline, in its section's orientation. */
const heading = (id: SectionId, title: Title): Content => ({
	text: title(id),
	id: `section-${id}`,
	style: 'h1',
	tocItem: true,
	outline: true,
	pageBreak: 'before',
	pageOrientation: LANDSCAPE_SECTIONS.includes(id) ? 'landscape' : 'portrait'
});

/**
 * A subheading. It never ends a page because it is always built into what it introduces: an unbreakable stack with it,
 * or a table's first header row (`titledTable`). That costs nothing, where pdfmake's `pageBreakBefore` check lays the
 * whole document out again for each heading it moves, which doubled the time of a large plan.
 */
const subheading = (text: string, margin?: [number, number, number, number]): ContentText => ({ text, style: 'h2', ...(margin ? { margin } : {}) });

/** A subheading kept on one page with the short block it introduces. */
const keptWith = (title: ContentText, block: Content, margin?: [number, number, number, number]): Content => ({ stack: [title, block], unbreakable: true, ...(margin ? { margin } : {}) });

/** Column names; one given as text with an alignment (a column of figures) keeps it. */
const th = (labels: (string | ContentText)[]): TableCell[] => labels.map((label) => (typeof label === 'string' ? { text: label, style: 'th' } : { style: 'th', ...label }));

/**
 * A table whose title is its first header row, so the title can never be parted from the rows it introduces, and a
 * table that runs on to the next page repeats both the title and the column names there.
 */
function titledTable(title: ContentText | ContentStack, widths: (number | string)[], header: (string | ContentText)[], rows: TableCell[][], fontSize = 9): Content {
	return {
		table: {
			headerRows: 2,
			keepWithHeaderRows: 1,
			dontBreakRows: true,
			widths,
			body: [[{ ...title, colSpan: widths.length, border: [false, false, false, false] }, ...widths.slice(1).map(() => '')], th(header), ...rows]
		},
		layout: RULED,
		fontSize,
		margin: [0, 2, 0, 14]
	};
}

/** A few figures under their subheading, kept on one page together. */
function keyFigures(title: string, rows: [string, string | number][]): Content {
	return keptWith(subheading(title), {
		table: { widths: ['*', 36], body: rows.map(([label, value]) => [label, { text: String(value), alignment: 'right' }]) },
		layout: RULED,
		fontSize: 9.5,
		margin: [0, 4, 0, 12]
	});
}

function summary(m: PlanModel, title: Title): Content[] {
	const s = m.summary;
	return [
		heading('summary', title),
		s.lead ? { text: s.lead, style: 'lead', margin: [0, 0, 0, 10] } : { text: 'The lead has not yet written what this plan will change.', style: 'note', margin: [0, 0, 0, 10] },
		keptWith(subheading('In short'), { ul: s.words, margin: [0, 0, 0, 10] }),
		// Two tables a row, so the summary stays on one page.
		{
			columns: [
				keyFigures('Handoffs on the map, by rating', [...s.ratings, ['Gaps (marked as gaps, or absent)', s.gaps], ['Broken or absent handoffs no action addresses', s.unaddressed]]),
				keyFigures(m.ownerName ? `Actions owned by ${m.ownerName}, by status` : 'Actions by status', [...s.byStatus, ['All actions', s.total]])
			],
			columnGap: 24
		},
		{
			columns: [
				keyFigures('Actions by RAG status', s.byRag),
				s.shift
					? keyFigures(`Mental models: ${s.shift.from} to ${s.shift.to}`, [
							['Statements asked in both rounds', s.shift.statements],
							['Average shift in agreement (negative: the assumption is held less)', s.shift.average]
						])
					: { text: '' }
			],
			columnGap: 24
		}
	];
}

function caseForChange(title: Title): Content[] {
	const chart = (heading: string, rows: typeof REPEAT_SHARE): Content =>
		keptWith(subheading(heading), { svg: shareChartSvg(shareChart(rows, { width: 480 }), heading), width: PORTRAIT.width * 0.8 }, [0, 0, 0, 12]);
	return [
		heading('case', title),
		{
			text: `Nationally, about ${NATIONAL_SCALE.people.toLocaleString('en-GB')} people are reported missing each year, in about ${NATIONAL_SCALE.incidents.toLocaleString('en-GB')} incidents (${NATIONAL_SCALE.source}). Most reports are about someone who has been missing before, and most adults who go missing come to harm while they are away.`,
			margin: [0, 0, 0, 12]
		},
		chart('Share of missing reports that are repeat incidents', REPEAT_SHARE),
		chart('What adults told us after they returned', HARM_AMONG_RETURNED_ADULTS),
		{ text: `Source: ${sourceText(PROGRAMME_SOURCE)}, ${link(PROGRAMME_SOURCE.href)}.`, style: 'note' },
		keptWith(subheading('Serious harm', [0, 12, 0, 4]), { text: `“${SERIOUS_HARM.quote}”`, italics: true, margin: [16, 0, 16, 4] }),
		{ text: `Definition of the risk of serious harm: ${SERIOUS_HARM.source}.`, style: 'note' }
	];
}

function figures(m: PlanModel, title: Title): Content[] {
	if (!m.figures.length || !m.figuresChart) return [];
	const chartTitle = 'Share of reports that were repeat episodes, by quarter, against the national picture';
	return [
		heading('figures', title),
		{ text: `What ${m.areaName}’s police and council reported each quarter, beside the national picture (${sourceText(PROGRAMME_SOURCE)}).`, margin: [0, 0, 0, 8] },
		keptWith(subheading(chartTitle), { svg: seriesChartSvg(m.figuresChart, chartTitle), width: PORTRAIT.width }),
		titledTable(
			subheading('Figures by quarter, newest first'),
			[90, '*', '*', '*', '*', '*', 70],
			['Quarter', 'Missing reports', 'People reported', 'Repeat share, adults', 'Repeat share, children', 'Return interviews offered', 'Completed within 72 hours'],
			m.figures.map((f) => [{ stack: [f.quarter, { text: f.label, style: 'note' }] }, f.missingReports, f.peopleReported, f.adults, f.children, f.offered, f.within72h])
		)
	];
}

function mentalModels(m: PlanModel, title: Title): Content[] {
	const survey = m.survey;
	if (!survey) return [];
	return [
		heading('models', title),
		{
			text: `${survey.label}: ${survey.n} anonymous responses${survey.compare ? `, compared with ${survey.compare.label} (${survey.compare.n} responses)` : ''}. Answers run from 1 (strongly disagree) to 5 (strongly agree); agreeing means the assumption is held.`,
			margin: [0, 0, 0, 10]
		},
		{
			table: {
				headerRows: 1,
				dontBreakRows: true,
				widths: ['*', 110, 45, 45, 50],
				body: [th(['Statement', 'Mental model', 'Mean', 'n', 'Shift']), ...survey.statements.map((s): TableCell[] => [s.text, s.model, s.mean, s.n, s.shift])]
			},
			layout: RULED,
			fontSize: 9.5
		}
	];
}

/**
 * The swimlane, landscape and a band of rows a page so that its names stay readable, each band under the stage
 * headers with the key to the numbers in it on the same page; the legend opens the section.
 */
function journey(m: PlanModel, title: Title): Content[] {
	const j = m.journey;
	const scale = LANDSCAPE.width / j.layout.width;
	const legend = legendSvg(journeyLegend(j.sectors), 1000, 'Legend of the whole journey');
	const legendHeight = (Number(/height="(\d+)"/.exec(legend)![1]) * LANDSCAPE.width) / 1000;
	const keyOf = new Map(j.key.map((k) => [k.number, k]));
	const keyText = (n: number) => {
		const k = keyOf.get(n)!;
		return { label: `${k.number}. ${k.label}`, rest: ` ${k.from} to ${k.to}; ${k.stage}; ${k.rating}` };
	};
	const columnOf = (numbers: number[], c: number) => {
		const perColumn = Math.ceil(numbers.length / 4);
		return numbers.slice(c * perColumn, (c + 1) * perColumn);
	};
	// The key's height in points, estimated on the generous side: its title, then its tallest column, each entry in
	// lines of a 7-point font (about 3.9 points a character) across a column of 177 points.
	const keyHeight = (numbers: number[]) =>
		KEY_TITLE_HEIGHT +
		Math.max(
			...[0, 1, 2, 3].map((c) =>
				columnOf(numbers, c).reduce((sum, n) => {
					const { label, rest } = keyText(n);
					return sum + Math.ceil(((label.length + rest.length) * 3.9) / 177) * 8.6 + 2;
				}, 0)
			)
		);
	// Points left for the picture: the page, less the header strip, less the band's key (and on the first page the
	// heading, note and legend).
	const band = (points: number) => Math.max(points / scale - j.layout.header, 3 * j.layout.rowHeight);
	const bands = journeyBands(j.layout, band(LANDSCAPE_PAGE - 70 - legendHeight), band(LANDSCAPE_PAGE), (numbers) => keyHeight(numbers) / scale);
	const keyColumns = (numbers: number[]): Content =>
		({
			columns: [0, 1, 2, 3].map((c) => ({
				stack: columnOf(numbers, c).map((n) => {
					const { label, rest } = keyText(n);
					return {
						text: [{ text: label, bold: true }, { text: rest, color: '#4a5560' }],
						fontSize: 7,
						lineHeight: 1.05,
						margin: [0, 0, 8, 2]
					};
				})
			}))
		}) as Content;
	return [
		heading('journey', title),
		{ text: `Each handoff between organisations at each stage of going missing, drawn by rating and numbered. The swimlane runs over ${bands.length === 1 ? 'one page' : `${bands.length} pages`}, each with the key to its numbers.`, style: 'note' },
		{ svg: legend, width: LANDSCAPE.width, margin: [0, 4, 0, 4] },
		...bands.map(
			(b, i): Content => ({
				stack: [
					{ svg: journeySvg(j.layout, `The whole journey, part ${i + 1} of ${bands.length}`, b), width: LANDSCAPE.width },
					{ text: `Handoffs by number${bands.length > 1 ? `, part ${i + 1} of ${bands.length}` : ''}`, bold: true, fontSize: 9, margin: [0, 4, 0, 2] },
					keyColumns(b.numbers)
				],
				unbreakable: true,
				...(i > 0 ? { pageBreak: 'before' as const } : {})
			})
		)
	];
}

function network(m: PlanModel, title: Title): Content[] {
	const legend = legendSvg(networkLegend(m.network.sectors), 1100, 'Legend of the network');
	return [
		heading('network', title),
		{ text: `${m.network.actors.length} organisations and ${m.network.handoffs.length} handoffs; labels never overlap (a name that cannot fit is listed in the journey’s key).`, style: 'note' },
		{ svg: networkSvg(m.network.layout, m.network.handoffs), fit: [LANDSCAPE.width, LANDSCAPE.height - 90] },
		{ svg: legend, width: LANDSCAPE.width, margin: [0, 4, 0, 0] }
	];
}

function theoryOfChange(m: PlanModel, title: Title): Content[] {
	const t = m.toc;
	if (!t) return [];
	const legend = legendSvg(tocLegend(), 900, 'Legend of the theory of change');
	const split = t.pathways.length > 0;
	return [
		heading('toc', title),
		{ text: 'From inputs at the bottom to the impact at the top; each arrow reads “leads to”, and its number is the row of the table that follows.', style: 'note' },
		// Seven bands make it tall rather than wide: a portrait page shows it largest. Too large to read whole, it is
		// drawn a pathway a page.
		...(split
			? [
					{ text: `Drawn in ${t.pathways.length} pathways, one a page, each toward one outcome: the whole is too large to read on one page. A step on several pathways is in each.`, style: 'note' } as Content,
					{ svg: legend, width: PORTRAIT.width, margin: [0, 4, 0, 0] } as Content,
					...t.pathways.map(
						(p, i): Content => ({
							stack: [
								{ text: `Pathway ${i + 1} of ${t.pathways.length}: toward “${p.toward}”`, style: 'h2', tocItem: true, tocMargin: [16, 0, 0, 0] },
								{ svg: tocSvg(p.layout, `Theory of change, pathway ${i + 1}: toward ${p.toward}`, p.badges), fit: [PORTRAIT.width, TOC_PRINT_BOX.height + 60] }
							],
							pageBreak: 'before'
						})
					)
				]
			: [
					{ svg: tocSvg(t.layout, 'Theory of change', t.badges), fit: [TOC_PRINT_BOX.width, TOC_PRINT_BOX.height] } as Content,
					{ svg: legend, width: PORTRAIT.width, margin: [0, 4, 0, 0] } as Content
				]),
		...(t.isolated.length
			? [{ text: `Not linked to any step (a warning): ${t.isolated.join('; ')}.`, color: '#a4161a', bold: true, fontSize: 9, margin: [0, 4, 0, 0] } as Content]
			: []),
		heading('links', title),
		t.links.length === 0
			? { text: 'No links yet.' }
			: {
					table: {
						headerRows: 1,
						dontBreakRows: true,
						widths: [18, 95, 95, '*', '*'],
						body: [
							th(['No.', 'From', 'Leads to', 'Rationale: why it leads there', 'Assumptions: what must hold']),
							...t.links.map((l): TableCell[] => [{ text: String(l.number), bold: true }, l.from, l.to, l.rationale || '—', l.assumptions || '—'])
						]
					},
					layout: RULED,
					fontSize: 8.5
				},
		heading('indicators', title),
		t.indicators.length === 0
			? { text: 'No indicators yet.' }
			: {
					table: {
						headerRows: 1,
						dontBreakRows: true,
						widths: [95, '*', 48, 62, 62, 62, 44],
						body: [
							th(['Outcome', 'Indicator', 'Better', 'Baseline', 'Target', 'Latest', 'Status']),
							...t.indicators.map((i): TableCell[] => [
								i.outcome,
								{ stack: [{ text: i.name, bold: true }, i.source ? { text: `Source: ${i.source}`, style: 'note' } : ''] },
								i.better,
								i.baseline,
								i.target,
								i.latest,
								i.status
							])
						]
					},
					layout: RULED,
					fontSize: 8
				}
	];
}

/**
 * A workshop room's record: when it ran, who took part, its notes under what they were on (each group a table whose
 * title row and column names repeat on a following page), its revealed votes and what it added to the map.
 */
function workshopRecord(m: PlanModel, title: Title): Content[] {
	const w = m.workshop;
	if (!w) return [];
	// A note on a handoff is labelled "A → B: name"; the bundled Roboto has no arrow, so the PDF says "to".
	const groupTitle = (text: string) => ({ text: text.replace(/\s*→\s*/g, ' to '), style: 'h3' }) as ContentText;
	const people = w.people.length === 1 ? '1 person took part' : `${w.people.length} people took part`;
	const notes = w.noteCount === 1 ? '1 note was left on the board' : `${w.noteCount} notes were left on the board`;
	return [
		heading('workshop', title),
		{ text: `${w.title}: ${w.when}. ${people}; ${notes}. Notes held for the facilitator (the identifier check found something that might identify a person) are not part of the record.`, margin: [0, 0, 0, 8] },
		w.people.length
			? titledTable(subheading(`Who took part (${w.people.length})`), ['*', '*'], ['Name shown in the room', 'Organisation'], w.people.map((p): TableCell[] => [p.name, p.organisation]))
			: { text: 'Nobody joined this room.', style: 'note', margin: [0, 0, 0, 10] },
		...(w.notes.length
			? [
					// The part's subheading rides in the first table's title row, so it never ends a page on its own.
					...w.notes.map((g, i) =>
						titledTable(
							i === 0 ? { stack: [subheading('Notes, by what they were on', [0, 6, 0, 6]), groupTitle(g.on)] } : groupTitle(g.on),
							[80, '*', 150],
							['Kind', 'Note', 'Left by'],
							g.kinds.flatMap((k) => k.notes.map((n): TableCell[] => [{ text: k.kind, bold: true }, n.text, { text: n.by, style: 'note' }]))
						)
					)
				]
			: [{ text: 'No notes were left on the board.', style: 'note', margin: [0, 0, 0, 10] } as Content]),
		...(w.votes.length
			? w.votes.map((v) =>
					titledTable(
						subheading(`Dot vote: ${v.question}`),
						['*', 170, 40],
						['On the ballot', 'What it is', { text: 'Dots', alignment: 'right' }],
						[
							...v.items.map((i): TableCell[] => [i.label, { text: i.detail, style: 'note' }, { text: String(i.dots), alignment: 'right', bold: true }]),
							[{ text: `${v.voters === 1 ? '1 person' : `${v.voters} people`} voted${v.undotted ? `; ${v.undotted} other ${v.undotted === 1 ? 'item' : 'items'} on the ballot got no dots` : ''}.`, style: 'note', colSpan: 3 }, '', '']
						]
					)
				)
			: [{ text: 'No vote in this room had its results revealed.', style: 'note', margin: [0, 0, 0, 10] } as Content]),
		w.accepted.length
			? titledTable(subheading('Added to the map from this room'), ['*', 170], ['Proposal', 'Proposed by'], w.accepted.map((a): TableCell[] => [a.text, { text: a.by, style: 'note' }]))
			: { text: 'Nothing proposed in this room was added to the map.', style: 'note' }
	];
}

function actionPlan(m: PlanModel, title: Title): Content[] {
	const content: Content[] = [heading('actions', title)];
	if (m.actions.every((g) => g.actions.length === 0)) return [...content, { text: 'No actions yet.' }];
	const tied = (label: string, items: string[]): Content[] => (items.length ? [{ text: [{ text: `${label}: `, bold: true }, items.join('; ')], style: 'note' }] : []);
	for (const group of m.actions) {
		content.push(
			titledTable(
				{ text: group.owner, style: 'h2', outline: true, outlineParentId: 'section-actions', tocItem: true, tocMargin: [16, 0, 0, 0] } as ContentText,
				['*', 90, 62, 58, 42, 170],
				['Action and what it is tied to', 'Owner', 'Due', 'Status', 'RAG', 'Latest update'],
				group.actions.map((a): TableCell[] => [
					{
						stack: [
							{ text: a.title, bold: true },
							...tied('Handoffs', a.handoffs),
							...tied('Theory of change', a.outcomes),
							...tied('Mental models', a.models),
							...(a.handoffs.length + a.outcomes.length + a.models.length === 0 ? [{ text: 'Not tied to a handoff, step or mental model yet.', style: 'note' }] : [])
						]
					},
					a.ownerPerson || { text: 'No one named', style: 'note' },
					a.due,
					a.status,
					{ text: a.ragLabel, color: RAG_COLOURS[a.rag], bold: true },
					a.latest ? { stack: [{ text: a.latest.on, style: 'note' }, a.latest.text] } : { text: 'None yet', style: 'note' }
				])
			)
		);
	}
	return content;
}

function signOff(m: PlanModel, title: Title, version: number | null): Content[] {
	const cell = (text: string): TableCell => ({ text, margin: [0, 10, 0, 10] });
	return [
		heading('signoff', title),
		{
			text: version ? `Signed on behalf of each organisation, agreeing to this plan (version ${version}).` : 'Signed on behalf of each organisation, agreeing to this plan. This is a draft: the lead issues a numbered version for signing.',
			margin: [0, 0, 0, 10]
		},
		{
			table: {
				headerRows: 1,
				dontBreakRows: true,
				widths: ['*', 150, 120, 150, 80],
				body: [th(['Organisation', 'Name', 'Role', 'Signature', 'Date']), ...m.signatories.map((o) => [cell(o), cell(' '), cell(' '), cell(' '), cell(' ')])]
			}
		}
	];
}

/** The document for a plan model; `version` is the issued version's number, or null for a draft. */
export function planDocument(m: PlanModel, version: number | null = null): TDocumentDefinitions {
	const titles = new Map(sectionsOf(m).map((s) => [s.id, s.title]));
	const title: Title = (id) => titles.get(id)!;
	const now = new Date(m.builtAt);
	return {
		...reportFrame({ title: m.title, author: m.orgName, subject: 'A local area’s shared plan to change its response to people who go missing again and again', keywords: 'repeat missing, action plan, partnership', now }),
		// Subheadings are kept with what follows them by construction (see `subheading`), so no second layout pass.
		pageBreakBefore: undefined,
		displayTitle: true,
		content: [
			{ text: m.areaName, style: 'cover', margin: [0, 160, 0, 8] },
			{ text: m.ownerName ? `Action plan for ${m.ownerName}` : 'Action plan', style: 'coverSub' },
			{ text: m.policeForce, margin: [0, 24, 0, 4] },
			m.partners.length ? { text: `Partners: ${m.partners.join(', ')}`, margin: [0, 0, 0, 4] } : '',
			{ text: `${m.builtOn} · ${version ? `Version ${version}` : 'Draft'}`, margin: [0, 0, 0, 4] },
			{ text: `Prepared with ${m.orgName}`, margin: [0, 0, 0, 4] },
			{ text: `The same plan is on the web as an accessible page: /app/areas/${m.areaSlug}/plan`, style: 'note', margin: [0, 24, 0, 0] },
			{ toc: { title: { text: 'Contents', style: 'h1' } }, pageBreak: 'before' },
			...summary(m, title),
			...caseForChange(title),
			...figures(m, title),
			...mentalModels(m, title),
			...theoryOfChange(m, title),
			...workshopRecord(m, title),
			...journey(m, title),
			...network(m, title),
			...actionPlan(m, title),
			...signOff(m, title, version)
		],
		defaultStyle: { font: 'Roboto', fontSize: 10.5, lineHeight: 1.2, color: '#1a1f24' },
		styles: {
			cover: { fontSize: 30, bold: true, color: '#0b4f5c' },
			coverSub: { fontSize: 20 },
			lead: { fontSize: 12.5 },
			h1: { fontSize: 18, bold: true, color: '#0b4f5c', margin: [0, 0, 0, 10] },
			h2: { fontSize: 13, bold: true, margin: [0, 6, 0, 4] },
			h3: { fontSize: 11, bold: true, margin: [0, 4, 0, 2] },
			th: { bold: true, fontSize: 9 },
			note: { fontSize: 9, color: '#4a5560' },
			running: { fontSize: 8.5, color: '#4a5560' }
		}
	};
}

/** The area's action plan, or one owner organisation's (`ownerActorId`, an actor of the area: otherwise 404). */
export async function actionPlanPdf(context: AreaContext, options: PlanOptions = {}) {
	const model = await planModel(context, options);
	return { title: model.title, model, pdf: await renderPdf(planDocument(model)) };
}
