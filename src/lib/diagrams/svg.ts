// SVG strings of the network, journey and chart layouts, for documents (the PDF) that cannot run Svelte. Every piece of text
// is escaped; the pictures match what the page draws.
import { RATINGS, RATING_LABELS, SECTOR_ABBREVIATIONS, SECTOR_LABELS, type Rating, type Sector } from '$lib/domain/map/enums';
import type { HandoffData } from '$lib/domain/map/types';
import { edgePaths } from './edges';
import type { NetworkLayout } from './force';
import type { JourneyLayout } from './journey';
import type { ShareChartLayout } from './charts';
import type { TocLayout } from './toc';
import { LABEL_FONT_SIZE } from './labels';
import { SECTOR_STYLE, hasInnerRing, sectorShape } from './shapes';
import { RATING_STYLE } from './styles';

export function escapeXml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const FONT = 'font-family="Helvetica, Arial, sans-serif"';
/** The app's primary colour, which fills chart bars on screen. */
const CHART_FILL = '#0b4f5c';

function markers(): string {
	return RATINGS.map(
		(r) =>
			`<marker id="arrow-${r}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto-start-reverse"><path d="M0,0L10,5L0,10Z" fill="${RATING_STYLE[r].stroke}"/></marker>`
	).join('');
}

function lineAttributes(rating: Rating): string {
	const s = RATING_STYLE[rating];
	return `stroke="${s.stroke}" stroke-width="${s.width}" fill="none"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''} stroke-linecap="${s.linecap}" marker-end="url(#arrow-${rating})"`;
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

export function journeySvg(layout: JourneyLayout, title = 'The missing journey by stage'): string {
	const parts = [
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" role="img"><title>${escapeXml(title)}</title>`,
		`<defs>${markers()}</defs>`,
		`<rect width="${layout.width}" height="${layout.height}" fill="#ffffff"/>`
	];
	for (const c of layout.columns) {
		parts.push(`<rect x="${c.x}" y="0" width="${c.width}" height="${layout.height}" fill="${c.adultGap ? '#fdecec' : '#f3f5f7'}" stroke="#c5ccd3"/>`);
		parts.push(`<text x="${c.x + c.width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold" fill="#1a1f24" ${FONT}>${escapeXml(c.label)}</text>`);
		const notes = [c.policeOnly ? 'Police only' : '', c.adultGap ? 'No handoff for adults' : '', c.childGap ? 'No handoff for children' : ''].filter(Boolean);
		notes.forEach((note, i) =>
			parts.push(`<text x="${c.x + c.width / 2}" y="${42 + i * 15}" text-anchor="middle" font-size="11" font-weight="bold" fill="#a4161a" ${FONT}>${escapeXml(note)}</text>`)
		);
	}
	for (const g of layout.groups) {
		parts.push(`<text x="6" y="${g.y - 7}" font-size="11" font-weight="bold" fill="#4a5560" ${FONT}>${escapeXml(SECTOR_LABELS[g.sector].toUpperCase())}</text>`);
	}
	for (const r of layout.rows) {
		parts.push(`<line x1="${layout.labelWidth}" x2="${layout.width}" y1="${r.y}" y2="${r.y}" stroke="#e1e5ea"/>`);
		parts.push(node(r.sector, 16, r.y, 8).replace('font-size="10"', 'font-size="0"'));
		parts.push(`<text x="30" y="${r.y}" dy="0.35em" font-size="12" fill="#1a1f24" ${FONT}>${escapeXml(r.name)}</text>`);
	}
	for (const a of layout.arrows) {
		parts.push(`<circle cx="${a.x}" cy="${a.y1}" r="3" fill="${RATING_STYLE[a.rating].stroke}"/>`);
		parts.push(`<path d="${a.d}" ${lineAttributes(a.rating)}/>`);
	}
	parts.push('</svg>');
	return parts.join('');
}

/** Text for legends: every rating with its label. */
export const ratingLegend = () => RATINGS.map((r) => ({ rating: r, label: RATING_LABELS[r], ...RATING_STYLE[r] }));

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

/** Kind colours of the theory of change's boxes (a stripe; the band's label says the kind in words). */
export const TOC_STRIPES: Record<TocLayout['nodes'][number]['kind'], string> = {
	impact: '#5a2d82',
	long_term_outcome: '#0b5c6b',
	intermediate_outcome: '#1a6b3a',
	short_term_outcome: '#6b5a00',
	output: '#8a4b00',
	activity: '#1f4e99',
	input: '#56606b'
};

/** The theory of change as the page draws it (without a selection), for documents. */
export function tocSvg(layout: TocLayout, title = 'Theory of change'): string {
	const parts = [
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" role="img"><title>${escapeXml(title)}</title>`,
		'<defs><marker id="toc-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="12" markerHeight="12" orient="auto-start-reverse"><path d="M0,0L10,5L0,10Z" fill="#5b6570"/></marker></defs>',
		`<rect width="${layout.width}" height="${layout.height}" fill="#ffffff"/>`
	];
	layout.bands.forEach((b, i) => {
		parts.push(`<rect x="0" y="${b.y}" width="${layout.width}" height="${b.height}" fill="${i % 2 ? '#eceff3' : '#f6f7f9'}"/>`);
		parts.push(`<text x="12" y="${b.y + 21}" font-size="15" font-weight="bold" fill="#3a444e" ${FONT}>${escapeXml(b.label.toUpperCase())}</text>`);
	});
	for (const e of layout.edges) parts.push(`<path d="${e.d}" fill="none" stroke="#5b6570" stroke-width="2" marker-end="url(#toc-arrow)"/>`);
	for (const n of layout.nodes) {
		parts.push(`<rect x="${n.x}" y="${n.y}" width="${n.width}" height="${n.height}" rx="6" fill="#ffffff" stroke="#56606b" stroke-width="1.5"/>`);
		parts.push(`<rect x="${n.x}" y="${n.y}" width="${n.width}" height="6" fill="${TOC_STRIPES[n.kind]}"/>`);
		for (const l of n.lines) parts.push(`<text x="${n.x + 12}" y="${l.y}" font-size="${layout.fontSize}" fill="#1a1f24" ${FONT}>${escapeXml(l.text)}</text>`);
		for (const f of n.flags)
			parts.push(`<text x="${n.x + 12}" y="${f.y}" font-size="${layout.flagFontSize}" font-weight="bold" fill="#a4161a" ${FONT}>${escapeXml(`! ${f.text}`)}</text>`);
	}
	parts.push('</svg>');
	return parts.join('');
}
