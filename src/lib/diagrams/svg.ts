// SVG strings of the network, journey and chart layouts, for documents (the PDF) that cannot run Svelte. Every piece of text
// is escaped; the pictures match what the page draws.
import { RATINGS, RATING_LABELS, SECTOR_ABBREVIATIONS, SECTOR_LABELS, type Rating, type Sector } from '$lib/domain/map/enums';
import type { HandoffData } from '$lib/domain/map/types';
import { edgePaths } from './edges';
import type { NetworkLayout } from './force';
import type { JourneyLayout } from './journey';
import type { ShareChartLayout } from './charts';
import type { TocLayout, TocLinkBadge } from './toc';
import { LABEL_FONT_SIZE } from './labels';
import { SECTOR_STYLE, hasInnerRing, sectorShape } from './shapes';
import { RATING_STYLE } from './styles';
import { JOURNEY_MARKS, TOC_MARKS, TOC_STRIPES, ratingKeys, sectorKeys, tocKindKeys } from './legend';
import type { SeriesChartLayout } from './charts';

export function escapeXml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const FONT = 'font-family="Helvetica, Arial, sans-serif"';
/** The app's primary colour, which fills chart bars on screen. */
const CHART_FILL = '#0b4f5c';

function markers(): string {
	return RATINGS.map(
		(r) =>
			`<marker id="arrow-${r}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto"><path d="M0,0L10,5L0,10Z" fill="${RATING_STYLE[r].stroke}"/></marker>`
	).join('');
}

function lineAttributes(rating: Rating, arrowhead = true): string {
	const s = RATING_STYLE[rating];
	return `stroke="${s.stroke}" stroke-width="${s.width}" fill="none"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''} stroke-linecap="${s.linecap}"${arrowhead ? ` marker-end="url(#arrow-${rating})"` : ''}`;
}

function node(sector: Sector, x: number, y: number, r: number): string {
	const style = SECTOR_STYLE[sector];
	const ring = hasInnerRing(sector) ? `<circle r="${r * 0.72}" fill="none" stroke="#ffffff" stroke-width="1.5"/>` : '';
	return `<g transform="translate(${x},${y})"><path d="${sectorShape(sector, r)}" fill="${style.colour}" stroke="#ffffff" stroke-width="1.5"/>${ring}<text text-anchor="middle" dy="0.35em" font-size="10" font-weight="bold" fill="#ffffff" ${FONT}>${SECTOR_ABBREVIATIONS[sector]}</text></g>`;
}

export function networkSvg(layout: NetworkLayout, handoffs: HandoffData[], title = 'Actor and handoff map'): string {
	const positions = new Map(layout.nodes.map((n) => [n.id, n]));
	const rating = new Map(handoffs.map((h) => [h.id, h.rating]));
	const edges = edgePaths(
		positions,
		handoffs.map((h) => ({ id: h.id, source: h.fromActorId, target: h.toActorId })),
		layout.radius
	);
	const parts = [
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" role="img"><title>${escapeXml(title)}</title>`,
		`<defs>${markers()}</defs>`,
		`<rect width="${layout.width}" height="${layout.height}" fill="#ffffff"/>`,
		...edges.map((e) => `<path d="${e.d}" ${lineAttributes(rating.get(e.id) ?? 'working')}/>`),
		...layout.nodes.map((n) => node(n.sector, n.x, n.y, layout.radius)),
		...layout.nodes.filter((n) => !n.label.hidden).map(
			(n) =>
				`<text x="${n.label.x}" y="${n.label.y}" dy="0.35em" text-anchor="${n.label.anchor}" font-size="${LABEL_FONT_SIZE}" fill="#1a1f24" ${FONT}>${escapeXml(n.label.text)}</text>`
		),
		'</svg>'
	];
	return parts.join('');
}

/**
 * The swimlane; with `rows` (y from, y to, in the layout's units) only that band of rows under the stage headers, so a
 * tall swimlane can be printed a page at a time at a readable size.
 */
export function journeySvg(layout: JourneyLayout, title = 'The missing journey by stage', rows?: { from: number; to: number }): string {
	const open = (height: number) =>
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${layout.width} ${height}" width="${layout.width}" height="${height}" role="img"><title>${escapeXml(title)}</title><defs>${markers()}</defs>`;
	if (!rows) return `${open(layout.height)}${journeyBody(layout)}</svg>`;
	const { width, header } = layout;
	const band = rows.to - rows.from;
	return `${open(header + band)}<svg x="0" y="0" width="${width}" height="${header}" viewBox="0 0 ${width} ${header}">${journeyBody(layout, 'header')}</svg><svg x="0" y="${header}" width="${width}" height="${band}" viewBox="0 ${rows.from} ${width} ${band}">${journeyBody(layout, rows)}</svg><line x1="0" x2="${width}" y1="${header}" y2="${header}" stroke="#8a949e"/></svg>`;
}

/**
 * The swimlane's shapes: all of them, or only the stage headers, or only what reaches into a band of rows (so that a
 * band printed on its own page holds no hidden text a reader would copy or a screen reader would read).
 */
function journeyBody(layout: JourneyLayout, part: 'all' | 'header' | { from: number; to: number } = 'all'): string {
	const header = part === 'header';
	const [top, bottom] = part === 'all' ? [0, layout.height] : header ? [0, layout.header] : [part.from, part.to];
	const within = (y0: number, y1: number) => !header && Math.max(y0, y1) >= top && Math.min(y0, y1) <= bottom;
	const parts = [`<rect y="${top}" width="${layout.width}" height="${bottom - top}" fill="#ffffff"/>`];
	for (const c of layout.columns) {
		parts.push(`<rect x="${c.x}" y="${top}" width="${c.width}" height="${bottom - top}" fill="${c.adultGap ? '#fdecec' : '#f3f5f7'}" stroke="#c5ccd3"/>`);
		if (part !== 'all' && !header) continue;
		parts.push(`<text x="${c.x + c.width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold" fill="#1a1f24" ${FONT}>${escapeXml(c.label)}</text>`);
		const notes = [c.policeOnly ? 'Police only' : '', c.adultGap ? 'No handoff for adults' : '', c.childGap ? 'No handoff for children' : ''].filter(Boolean);
		notes.forEach((note, i) =>
			parts.push(`<text x="${c.x + c.width / 2}" y="${42 + i * 15}" text-anchor="middle" font-size="11" font-weight="bold" fill="#a4161a" ${FONT}>${escapeXml(note)}</text>`)
		);
	}
	for (const g of layout.groups.filter((g) => within(g.y - 16, g.y - 2))) {
		parts.push(`<text x="6" y="${g.y - 7}" font-size="11" font-weight="bold" fill="#4a5560" ${FONT}>${escapeXml(SECTOR_LABELS[g.sector].toUpperCase())}</text>`);
	}
	for (const r of layout.rows.filter((r) => within(r.y, r.y))) {
		parts.push(`<line x1="${layout.labelWidth}" x2="${layout.width}" y1="${r.y}" y2="${r.y}" stroke="#e1e5ea"/>`);
		parts.push(node(r.sector, 16, r.y, 8).replace('font-size="10"', 'font-size="0"'));
		parts.push(`<text x="30" y="${r.y}" dy="0.35em" font-size="12" fill="#1a1f24" ${FONT}>${escapeXml(r.name)}</text>`);
	}
	for (const a of layout.arrows.filter((a) => within(a.y1, a.y2))) {
		if (part === 'all') {
			parts.push(`<circle cx="${a.x}" cy="${a.y1}" r="3" fill="${RATING_STYLE[a.rating].stroke}"/>`, `<path d="${a.d}" ${lineAttributes(a.rating)}/>`);
			continue;
		}
		// In a band, only the piece of the line inside it, with its dot and head where they fall: an arrow crossing
		// many bands is drawn once in all, not once a band and cut off by the band's edge.
		const end = a.y2 - Math.sign(a.y2 - a.y1) * 7;
		const clip = (y: number) => Math.min(Math.max(y, top - 1), bottom + 1);
		// Half-open, so that a dot or head on the line between two bands is drawn in one of them only.
		const inside = (y: number) => y >= top && y < bottom;
		if (inside(a.y1)) parts.push(`<circle cx="${a.x}" cy="${a.y1}" r="3" fill="${RATING_STYLE[a.rating].stroke}"/>`);
		parts.push(`<path d="M${a.x},${clip(a.y1)}L${a.x},${clip(end)}" ${lineAttributes(a.rating, inside(end))}/>`);
	}
	// The numbers of the key beside the swimlane, as the page draws them; a band shows those whose centre it holds.
	const ratingOf = new Map(layout.arrows.map((a) => [a.id, a.rating]));
	for (const b of layout.badges.filter((b) => part === 'all' || (within(b.y, b.y) && b.y < bottom) || (!header && b.y >= bottom && bottom === layout.height))) {
		parts.push(
			`<rect x="${b.box.x0}" y="${b.box.y0}" width="${b.box.x1 - b.box.x0}" height="${b.box.y1 - b.box.y0}" rx="3" fill="#ffffff" stroke="${RATING_STYLE[ratingOf.get(b.id) ?? 'working'].stroke}"/>`,
			`<text x="${b.x}" y="${b.y}" dy="0.35em" text-anchor="middle" font-size="11" font-weight="bold" fill="#1a1f24" ${FONT}>${b.number}</text>`
		);
	}
	return parts.join('');
}

/** One entry of a legend: a small picture (SVG markup in a 36 x 20 box) and what it means. */
export interface LegendEntry {
	swatch: string;
	label: string;
}

const sectorSwatches = (sectors?: readonly Sector[]): LegendEntry[] =>
	sectorKeys(sectors).map((k) => ({
		swatch: `<g transform="translate(18,10)"><path d="${k.path}" fill="${k.colour}"/>${k.ring ? '<circle r="7" fill="none" stroke="#ffffff" stroke-width="1.2"/>' : ''}<text text-anchor="middle" dy="0.35em" font-size="7" font-weight="bold" fill="#ffffff" ${FONT}>${k.abbreviation}</text></g>`,
		label: k.label
	}));

const ratingSwatches = (): LegendEntry[] =>
	ratingKeys().map((k) => ({
		swatch: `<line x1="2" x2="26" y1="10" y2="10" stroke="${k.stroke}" stroke-width="${k.width}"${k.dash ? ` stroke-dasharray="${k.dash}"` : ''} stroke-linecap="${k.linecap}"/><path d="M26,5L34,10L26,15Z" fill="${k.stroke}"/>`,
		label: k.label
	}));

/** The network's legend: sectors by shape and colour, handoffs by rating. */
export const networkLegend = (sectors?: readonly Sector[]) => [
	{ title: 'Sectors', entries: sectorSwatches(sectors) },
	{ title: 'Handoffs, by rating', entries: ratingSwatches() }
];

/** The swimlane's legend: the network's, with its numbers, shading and starting dots. */
export const journeyLegend = (sectors?: readonly Sector[]) => [
	...networkLegend(sectors),
	{
		title: 'Marks',
		entries: [
			{ swatch: `<rect x="9" y="3" width="18" height="14" rx="3" fill="#ffffff" stroke="#3f6f52"/><text x="18" y="10" dy="0.35em" text-anchor="middle" font-size="10" font-weight="bold" fill="#1a1f24" ${FONT}>7</text>`, label: JOURNEY_MARKS.number },
			{ swatch: '<rect x="2" y="2" width="32" height="16" fill="#fdecec" stroke="#c5ccd3"/>', label: JOURNEY_MARKS.gap },
			{ swatch: '<circle cx="18" cy="10" r="3.5" fill="#3f6f52"/>', label: JOURNEY_MARKS.start }
		]
	}
];

/** The theory of change's legend: kinds by stripe (the bands name them too), arrows, numbers and flags. */
export const tocLegend = () => [
	{ title: 'Kinds of step', entries: tocKindKeys().map((k) => ({ swatch: `<rect x="2" y="3" width="32" height="14" rx="3" fill="#ffffff" stroke="#56606b"/><rect x="2" y="3" width="32" height="4" fill="${k.colour}"/>`, label: k.label })) },
	{
		title: 'Marks',
		entries: [
			{ swatch: '<line x1="2" x2="26" y1="10" y2="10" stroke="#5b6570" stroke-width="2"/><path d="M26,5L34,10L26,15Z" fill="#5b6570"/>', label: TOC_MARKS.arrow },
			{ swatch: `<rect x="8" y="1" width="20" height="18" rx="9" fill="#ffffff" stroke="#5b6570"/><text x="18" y="10" dy="0.35em" text-anchor="middle" font-size="10" font-weight="bold" fill="#1a1f24" ${FONT}>4</text>`, label: TOC_MARKS.number },
			{ swatch: `<text x="4" y="14" font-size="13" font-weight="bold" fill="#a4161a" ${FONT}>!</text>`, label: TOC_MARKS.flag }
		]
	}
];

/** A legend as an SVG string: each group's title, then its entries in columns across `width`. */
export function legendSvg(groups: { title: string; entries: LegendEntry[] }[], width: number, title = 'Legend'): string {
	const parts: string[] = [];
	let y = 0;
	for (const g of groups) {
		// Columns as wide as the group's longest label needs (about 6 units a character at this size).
		const column = 50 + Math.max(...g.entries.map((e) => e.label.length)) * 6;
		const perRow = Math.max(1, Math.floor(width / column));
		parts.push(`<text x="0" y="${y + 13}" font-size="12" font-weight="bold" fill="#1a1f24" ${FONT}>${escapeXml(g.title)}</text>`);
		y += 20;
		g.entries.forEach((e, i) => {
			const x = (i % perRow) * column;
			const top = y + Math.floor(i / perRow) * 24;
			parts.push(`<g transform="translate(${x},${top})">${e.swatch}<text x="42" y="10" dy="0.35em" font-size="11" fill="#1a1f24" ${FONT}>${escapeXml(e.label)}</text></g>`);
		});
		y += Math.ceil(g.entries.length / perRow) * 24 + 6;
	}
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${y}" width="${width}" height="${y}" role="img"><title>${escapeXml(title)}</title>${parts.join('')}</svg>`;
}

/** Lines over quarters with the national reference lines, as the figures page draws them (SeriesChart.svelte). */
export function seriesChartSvg(layout: SeriesChartLayout, title: string): string {
	const colours = ['#0b3d91', '#8a4b00'];
	const parts = [
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" role="img"><title>${escapeXml(title)}</title>`,
		`<rect width="${layout.width}" height="${layout.height}" fill="#ffffff"/>`
	];
	for (const t of layout.ticks) {
		parts.push(`<line x1="${layout.plot.left}" x2="${layout.plot.right}" y1="${t.y}" y2="${t.y}" stroke="#d5dadf" stroke-width="1"/>`);
		parts.push(`<text x="${layout.plot.left - 6}" y="${t.y + 5}" text-anchor="end" font-size="13" fill="#4a5560" ${FONT}>${escapeXml(t.label)}</text>`);
	}
	for (const r of layout.references) {
		parts.push(`<line x1="${layout.plot.left}" x2="${layout.plot.right}" y1="${r.y}" y2="${r.y}" stroke="#1a1f24" stroke-width="2" stroke-dasharray="2 5"/>`);
		parts.push(`<text x="${layout.plot.right + 8}" y="${r.labelY}" font-size="13" font-weight="bold" fill="#1a1f24" ${FONT}>${escapeXml(r.label)}</text>`);
	}
	layout.series.forEach((s, k) => {
		const colour = colours[k % colours.length];
		parts.push(`<path d="${s.d}" fill="none" stroke="${colour}" stroke-width="3"${k % 2 ? ' stroke-dasharray="9 4"' : ''}/>`);
		for (const p of s.points)
			parts.push(k % 2 === 0 ? `<circle cx="${p.x}" cy="${p.y}" r="5" fill="${colour}"/>` : `<rect x="${p.x - 5}" y="${p.y - 5}" width="10" height="10" fill="${colour}"/>`);
		if (s.end) parts.push(`<text x="${s.end.x}" y="${s.end.y}" font-size="14" font-weight="bold" fill="#1a1f24" ${FONT}>${escapeXml(s.end.text)}</text>`);
	});
	for (const l of layout.labels) parts.push(`<text x="${l.x}" y="${l.y}" text-anchor="middle" font-size="13" fill="#4a5560" ${FONT}>${escapeXml(l.text)}</text>`);
	parts.push('</svg>');
	return parts.join('');
}

/** A share chart (the public pages' figures) as an SVG string, drawn from the same layout as the page. */
export function shareChartSvg(layout: ShareChartLayout, title: string): string {
	const parts = [
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" role="img"><title>${escapeXml(title)}</title>`
	];
	for (const tick of layout.ticks) {
		parts.push(`<line x1="${tick.x}" x2="${tick.x}" y1="0" y2="${layout.axisY}" stroke="#d5dadf" stroke-width="1"/>`);
		const anchor = tick.x < 20 ? 'start' : tick.x > layout.width - 20 ? 'end' : 'middle';
		parts.push(`<text x="${tick.x}" y="${layout.axisY + 16}" text-anchor="${anchor}" font-size="12" fill="#4a5560" ${FONT}>${tick.label}</text>`);
	}
	for (const bar of layout.bars) {
		for (const line of bar.lines) parts.push(`<text x="${bar.x}" y="${line.y}" font-size="14" fill="#1a1f24" ${FONT}>${escapeXml(line.text)}</text>`);
		parts.push(`<rect x="${bar.x}" y="${bar.y}" width="${bar.trackWidth}" height="${bar.height}" rx="3" fill="#ffffff" stroke="#8a949e" stroke-width="1.5"/>`);
		parts.push(`<rect x="${bar.x}" y="${bar.y}" width="${bar.width}" height="${bar.height}" rx="3" fill="${CHART_FILL}"/>`);
		const v = bar.value;
		parts.push(
			`<text x="${v.x}" y="${v.y}" text-anchor="${v.inside ? 'end' : 'start'}" font-size="14" font-weight="bold" fill="${v.inside ? '#ffffff' : '#1a1f24'}" ${FONT}>${escapeXml(v.text)}</text>`
		);
	}
	parts.push('</svg>');
	return parts.join('');
}

export { TOC_STRIPES };

/** The theory of change as the page draws it (without a selection), for documents. */
export function tocSvg(layout: TocLayout, title = 'Theory of change', badges: TocLinkBadge[] = []): string {
	const parts = [
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" role="img"><title>${escapeXml(title)}</title>`,
		'<defs><marker id="toc-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="12" markerHeight="12" orient="auto"><path d="M0,0L10,5L0,10Z" fill="#5b6570"/></marker></defs>',
		`<rect width="${layout.width}" height="${layout.height}" fill="#ffffff"/>`
	];
	const bandFill = (i: number) => (i % 2 ? '#eceff3' : '#f6f7f9');
	layout.bands.forEach((b, i) => parts.push(`<rect x="0" y="${b.y}" width="${layout.width}" height="${b.height}" fill="${bandFill(i)}"/>`));
	for (const e of layout.edges) parts.push(`<path d="${e.d}" fill="none" stroke="#5b6570" stroke-width="2" marker-end="url(#toc-arrow)"/>`);
	// Band names over the links that pass through them, on their band's colour.
	layout.bands.forEach((b, i) => {
		const box = b.labelBox;
		parts.push(`<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" fill="${bandFill(i)}"/>`);
		parts.push(`<text x="12" y="${b.y + 21}" font-size="15" font-weight="bold" letter-spacing="0.6" fill="#3a444e" ${FONT}>${escapeXml(b.label.toUpperCase())}</text>`);
	});
	for (const n of layout.nodes) {
		parts.push(`<rect x="${n.x}" y="${n.y}" width="${n.width}" height="${n.height}" rx="6" fill="#ffffff" stroke="#56606b" stroke-width="1.5"/>`);
		parts.push(`<rect x="${n.x}" y="${n.y}" width="${n.width}" height="6" fill="${TOC_STRIPES[n.kind]}"/>`);
		for (const l of n.lines) parts.push(`<text x="${n.x + 12}" y="${l.y}" font-size="${layout.fontSize}" fill="#1a1f24" ${FONT}>${escapeXml(l.text)}</text>`);
		for (const f of n.flags)
			parts.push(`<text x="${n.x + 12}" y="${f.y}" font-size="${layout.flagFontSize}" font-weight="bold" fill="#a4161a" ${FONT}>${escapeXml(`! ${f.text}`)}</text>`);
	}
	for (const b of badges)
		parts.push(
			`<rect x="${b.x - b.width / 2}" y="${b.y - b.height / 2}" width="${b.width}" height="${b.height}" rx="${b.height / 2}" fill="#ffffff" stroke="#5b6570"/>`,
			`<text x="${b.x}" y="${b.y}" dy="0.35em" text-anchor="middle" font-size="12" font-weight="bold" fill="#1a1f24" ${FONT}>${b.number}</text>`
		);
	parts.push('</svg>');
	return parts.join('');
}
