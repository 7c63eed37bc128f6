// Layered (Sugiyama-style) layout of a theory of change: each kind of step is a horizontal band, impact at the top and
// inputs at the bottom. Links that skip bands pass through invisible "dummy" points in the bands between; the order
// within each band comes from barycentre sweeps plus adjacent swaps, keeping the ordering with the fewest crossings;
// x positions pull each step toward its neighbours without overlaps (isotonic regression, exact). Pure and
// deterministic: the page and the PDF's SVG-string renderer draw the same picture.
import { TOC_KINDS, TOC_KIND_PLURALS, kindRank, type TocKind } from '$lib/domain/toc';
import { wrapWords } from './charts';
import { LABEL_FONT_SIZE, labelWidth } from './labels';

export interface TocLayoutInput {
	nodes: { id: string; kind: TocKind; title: string; flags?: string[] }[];
	links: { id: string; from: string; to: string }[];
}

export interface TocLayoutOptions {
	/** Width of a step's box. */
	nodeWidth?: number;
	/** Title font size; flags are drawn a little smaller. */
	fontSize?: number;
	/** Lines of title before the rest is cut with an ellipsis. */
	maxLines?: number;
}

export interface TocBand {
	kind: TocKind;
	label: string;
	y: number;
	height: number;
	/**
	 * The band's name, drawn at its top left above the links that pass through (on a backing of the band's colour, so
	 * that a link crossing it never runs through its letters): its backing's box.
	 */
	labelBox: { x: number; y: number; width: number; height: number };
}

/** The band names' type: 15 px bold capitals with 0.04 em between letters. */
const BAND_LABEL_SIZE = 15;
const bandLabelWidth = (label: string) => Math.ceil(labelWidth(label.toUpperCase()) * (BAND_LABEL_SIZE / LABEL_FONT_SIZE) * 1.08 + label.length * 0.04 * BAND_LABEL_SIZE);

export interface TocNodeBox {
	id: string;
	kind: TocKind;
	/** Left and top of the box. */
	x: number;
	y: number;
	width: number;
	height: number;
	/** Title lines with their baselines (absolute). */
	lines: { text: string; y: number }[];
	flags: { text: string; y: number }[];
	/** Title, whole, for tooltips and accessible names. */
	title: string;
}

export interface TocEdgePath {
	id: string;
	from: string;
	to: string;
	d: string;
	/** The polyline the curve follows, from the `from` step to the `to` step. */
	points: { x: number; y: number }[];
}

export interface TocLayout {
	width: number;
	height: number;
	fontSize: number;
	flagFontSize: number;
	lineHeight: number;
	bands: TocBand[];
	nodes: TocNodeBox[];
	edges: TocEdgePath[];
	/** Crossings between bands in the chosen order (for tests and the benchmark). */
	crossings: number;
}

const MARGIN = 16;
const BAND_LABEL = 30;
const BAND_PAD = 18;
const NODE_PAD = 12;
const GAP = 36;
const DUMMY_GAP = 24;
const SWEEPS = 12;
// Average advance of a system-font character, as a share of the font size: errs wide so text stays in its box.
const CHAR = 0.56;

interface Vertex {
	id: string;
	rank: number;
	width: number;
	real: boolean;
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/** Title lines that fit the box: whole words, at most `maxLines`, the last cut with an ellipsis when needed. */
export function titleLines(title: string, maxChars: number, maxLines: number): string[] {
	const words = wrapWords(title, maxChars).flatMap((line) =>
		line.length <= maxChars ? [line] : (line.match(new RegExp(`.{1,${maxChars}}`, 'g')) ?? [line])
	);
	if (words.length <= maxLines) return words;
	const kept = words.slice(0, maxLines);
	const last = kept[maxLines - 1];
	kept[maxLines - 1] = `${last.length >= maxChars ? last.slice(0, maxChars - 1).trimEnd() : last}…`;
	return kept;
}

/** Crossings between two neighbouring bands, given each segment's positions in the upper and lower band. */
function crossingsOf(segments: [number, number][]): number {
	let total = 0;
	for (let i = 0; i < segments.length; i++)
		for (let j = i + 1; j < segments.length; j++) {
			const [a1, b1] = segments[i];
			const [a2, b2] = segments[j];
			if ((a1 - a2) * (b1 - b2) < 0) total++;
		}
	return total;
}

/**
 * Positions `desired` centres in order with at least `sep[i]` between centre i-1 and centre i, as close as possible
 * (least squares) to the desired ones: pool-adjacent-violators on the centres shifted by their cumulative separation.
 */
export function placeInOrder(desired: number[], sep: number[]): number[] {
	const offset: number[] = [];
	let acc = 0;
	for (let i = 0; i < desired.length; i++) {
		if (i > 0) acc += sep[i];
		offset.push(acc);
	}
	const blocks: { sum: number; n: number }[] = [];
	for (let i = 0; i < desired.length; i++) {
		blocks.push({ sum: desired[i] - offset[i], n: 1 });
		while (blocks.length > 1 && blocks[blocks.length - 2].sum / blocks[blocks.length - 2].n > blocks[blocks.length - 1].sum / blocks[blocks.length - 1].n) {
			const last = blocks.pop()!;
			blocks[blocks.length - 1].sum += last.sum;
			blocks[blocks.length - 1].n += last.n;
		}
	}
	const out: number[] = [];
	for (const b of blocks) for (let k = 0; k < b.n; k++) out.push(b.sum / b.n + offset[out.length]);
	return out;
}

export function layoutToc(input: TocLayoutInput, options: TocLayoutOptions = {}): TocLayout {
	const { nodeWidth = 230, fontSize = 16, maxLines = 4 } = options;
	const flagFontSize = Math.round(fontSize * 0.875);
	const lineHeight = Math.round(fontSize * 1.25);
	const maxChars = Math.max(8, Math.floor((nodeWidth - NODE_PAD * 2) / (fontSize * CHAR)));
	const bandCount = TOC_KINDS.length;

	// 1. Vertices: the steps, then a dummy in every band a link passes through.
	const vertices = new Map<string, Vertex>();
	const byRank: string[][] = Array.from({ length: bandCount }, () => []);
	for (const n of input.nodes) {
		const v = { id: n.id, rank: kindRank(n.kind), width: nodeWidth, real: true };
		vertices.set(n.id, v);
		byRank[v.rank].push(n.id);
	}
	const links = input.links.filter((l) => vertices.has(l.from) && vertices.has(l.to) && l.from !== l.to);
	/** Each link's chain of vertices from its `from` step to its `to` step. */
	const chains = new Map<string, string[]>();
	const up = new Map<string, string[]>(); // neighbours in the band above
	const down = new Map<string, string[]>(); // neighbours in the band below
	const join = (lower: string, upper: string) => {
		up.set(lower, [...(up.get(lower) ?? []), upper]);
		down.set(upper, [...(down.get(upper) ?? []), lower]);
	};
	for (const l of links) {
		const a = vertices.get(l.from)!;
		const b = vertices.get(l.to)!;
		if (a.rank === b.rank) {
			chains.set(l.id, [l.from, l.to]);
			continue;
		}
		const step = b.rank < a.rank ? -1 : 1;
		const chain = [l.from];
		for (let r = a.rank + step; r !== b.rank; r += step) {
			const id = `${l.id}::${r}`;
			vertices.set(id, { id, rank: r, width: 0, real: false });
			byRank[r].push(id);
			chain.push(id);
		}
		chain.push(l.to);
		chains.set(l.id, chain);
		for (let i = 0; i + 1 < chain.length; i++) {
			const [p, q] = [vertices.get(chain[i])!, vertices.get(chain[i + 1])!];
			if (p.rank > q.rank) join(p.id, q.id);
			else join(q.id, p.id);
		}
	}

	// 2. Order within bands: barycentre sweeps down and up, then adjacent swaps; keep the best seen.
	let order = byRank.map((band) => [...band]);
	const positions = () => {
		const pos = new Map<string, number>();
		for (const band of order) band.forEach((id, i) => pos.set(id, i));
		return pos;
	};
	const totalCrossings = (pos: Map<string, number>) => {
		let total = 0;
		for (let r = 0; r + 1 < bandCount; r++) {
			const segments: [number, number][] = [];
			for (const lower of order[r + 1]) for (const upper of up.get(lower) ?? []) segments.push([pos.get(upper)!, pos.get(lower)!]);
			total += crossingsOf(segments);
		}
		return total;
	};
	const sortBand = (r: number, neighbours: Map<string, string[]>, pos: Map<string, number>) => {
		const keyed = order[r].map((id, i) => {
			const list = neighbours.get(id) ?? [];
			const bary = list.length ? list.reduce((s, n) => s + pos.get(n)!, 0) / list.length : i;
			return { id, bary, i };
		});
		keyed.sort((a, b) => a.bary - b.bary || a.i - b.i);
		order[r] = keyed.map((k) => k.id);
		order[r].forEach((id, i) => pos.set(id, i));
	};
	// Crossings among the segments of u and v with one neighbouring band, u placed left of v.
	const pairCost = (u: string, v: string, neighbours: Map<string, string[]>, pos: Map<string, number>) => {
		let c = 0;
		for (const a of neighbours.get(u) ?? []) for (const b of neighbours.get(v) ?? []) if (pos.get(a)! > pos.get(b)!) c++;
		return c;
	};
	const transpose = (pos: Map<string, number>) => {
		for (let pass = 0, improved = true; improved && pass < 8; pass++) {
			improved = false;
			for (let r = 0; r < bandCount; r++) {
				const band = order[r];
				for (let i = 0; i + 1 < band.length; i++) {
					const [u, v] = [band[i], band[i + 1]];
					const now = pairCost(u, v, up, pos) + pairCost(u, v, down, pos);
					const swapped = pairCost(v, u, up, pos) + pairCost(v, u, down, pos);
					if (swapped < now) {
						band[i] = v;
						band[i + 1] = u;
						pos.set(v, i);
						pos.set(u, i + 1);
						improved = true;
					}
				}
			}
		}
	};
	let pos = positions();
	let best = { order: order.map((b) => [...b]), crossings: totalCrossings(pos) };
	for (let sweep = 0; sweep < SWEEPS && best.crossings > 0; sweep++) {
		for (let r = 1; r < bandCount; r++) sortBand(r, up, pos);
		for (let r = bandCount - 2; r >= 0; r--) sortBand(r, down, pos);
		transpose(pos);
		const crossings = totalCrossings(pos);
		if (crossings < best.crossings) best = { order: order.map((b) => [...b]), crossings };
	}
	order = best.order;
	pos = positions();
	// Steps with no link at all are set aside and placed last, in a free gap of their band (see below).
	const linked = new Set(links.flatMap((l) => [l.from, l.to]));
	const loose = order.map((band) => band.filter((id) => vertices.get(id)!.real && !linked.has(id)));
	order = order.map((band) => band.filter((id) => !vertices.get(id)!.real || linked.has(id)));

	// 3. Boxes: wrapped titles and flags set each step's height; each band is as tall as its tallest step.
	const flagLine = Math.round(flagFontSize * 1.35);
	const sized = new Map(
		input.nodes.map((n) => {
			const lines = titleLines(n.title, maxChars, maxLines);
			const flags = n.flags ?? [];
			const height = NODE_PAD * 2 + lines.length * lineHeight + (flags.length ? 6 + flags.length * flagLine : 0);
			return [n.id, { lines, flags, height }];
		})
	);
	const bands: TocBand[] = [];
	const centreY = new Map<number, number>();
	/** Half the height of the band's row of boxes: a link passing through runs straight down this stretch. */
	const halfRow = new Map<number, number>();
	let y = MARGIN;
	for (let r = 0; r < bandCount; r++) {
		const tallest = Math.max(0, ...order[r].filter((id) => vertices.get(id)!.real).map((id) => sized.get(id)!.height));
		const height = BAND_LABEL + Math.max(tallest, 24) + BAND_PAD;
		const label = TOC_KIND_PLURALS[TOC_KINDS[r]];
		bands.push({ kind: TOC_KINDS[r], label, y, height, labelBox: { x: 8, y: y + 5, width: bandLabelWidth(label) + 8, height: 22 } });
		centreY.set(r, y + BAND_LABEL + Math.max(tallest, 24) / 2);
		halfRow.set(r, Math.max(tallest, 24) / 2);
		y += height;
	}

	// 4. x: start packed and centred, then pull each vertex toward its neighbours' centres, keeping order and gaps.
	const sepOf = (a: Vertex, b: Vertex) => (a.width + b.width) / 2 + (a.real && b.real ? GAP : DUMMY_GAP);
	const seps = order.map((band) => band.map((id, i) => (i === 0 ? 0 : sepOf(vertices.get(band[i - 1])!, vertices.get(id)!))));
	const widthOf = (r: number) => seps[r].reduce((s, n) => s + n, 0);
	const widest = Math.max(0, ...order.map((_, r) => widthOf(r)));
	const x = new Map<string, number>();
	order.forEach((band, r) => {
		let at = (widest - widthOf(r)) / 2;
		band.forEach((id, i) => {
			at += seps[r][i];
			x.set(id, at);
		});
	});
	const pull = (r: number, neighbourSets: Map<string, string[]>[]) => {
		const band = order[r];
		if (!band.length) return;
		const desired = band.map((id) => {
			const list = neighbourSets.flatMap((m) => m.get(id) ?? []);
			return list.length ? list.reduce((s, n) => s + x.get(n)!, 0) / list.length : x.get(id)!;
		});
		placeInOrder(desired, seps[r]).forEach((value, i) => x.set(band[i], value));
	};
	for (let pass = 0; pass < 6; pass++) {
		for (let r = 1; r < bandCount; r++) pull(r, [up]);
		for (let r = bandCount - 2; r >= 0; r--) pull(r, [down]);
	}
	for (let r = 0; r < bandCount; r++) pull(r, [up, down]);
	placeLoose(loose, order, x, vertices, nodeWidth);
	let left = Infinity;
	let right = -Infinity;
	for (const [id, cx] of x) {
		const w = vertices.get(id)!.width;
		left = Math.min(left, cx - w / 2);
		right = Math.max(right, cx + w / 2);
	}
	if (!Number.isFinite(left)) (left = 0), (right = nodeWidth);
	const shift = MARGIN - left;

	// 5. Shapes.
	const nodes: TocNodeBox[] = input.nodes.map((n) => {
		const v = vertices.get(n.id)!;
		const s = sized.get(n.id)!;
		const top = centreY.get(v.rank)! - s.height / 2;
		const left = x.get(n.id)! + shift - nodeWidth / 2;
		const lines = s.lines.map((text, i) => ({ text, y: r1(top + NODE_PAD + fontSize * 0.9 + i * lineHeight) }));
		const flagTop = top + NODE_PAD + s.lines.length * lineHeight + 6;
		return {
			id: n.id,
			kind: n.kind,
			x: r1(left),
			y: r1(top),
			width: nodeWidth,
			height: s.height,
			lines,
			flags: s.flags.map((text, i) => ({ text, y: r1(flagTop + flagFontSize * 0.9 + i * flagLine) })),
			title: n.title
		};
	});
	const box = new Map(nodes.map((n) => [n.id, n]));
	const centre = (id: string) => ({ x: x.get(id)! + shift, y: centreY.get(vertices.get(id)!.rank)! });

	// Ports: the links leaving a box's top (or bottom) spread along it in the order of where they go next.
	const ports = new Map<string, number>(); // `${linkId}|${nodeId}` -> x
	const attach = new Map<string, { link: string; towards: number }[]>();
	for (const l of links) {
		const chain = chains.get(l.id)!;
		if (vertices.get(l.from)!.rank === vertices.get(l.to)!.rank) continue;
		for (const [end, next] of [
			[chain[0], chain[1]],
			[chain[chain.length - 1], chain[chain.length - 2]]
		]) {
			const side = vertices.get(next)!.rank < vertices.get(end)!.rank ? 'top' : 'bottom';
			const key = `${end}|${side}`;
			attach.set(key, [...(attach.get(key) ?? []), { link: l.id, towards: centre(next).x }]);
		}
	}
	for (const [key, list] of attach) {
		const id = key.split('|')[0];
		list.sort((a, b) => a.towards - b.towards || (a.link < b.link ? -1 : 1));
		const span = Math.min(nodeWidth * 0.7, (list.length - 1) * 18);
		list.forEach((item, i) => ports.set(`${item.link}|${id}`, centre(id).x + (list.length > 1 ? -span / 2 + (span * i) / (list.length - 1) : 0)));
	}

	const edges: TocEdgePath[] = links.map((l) => {
		const chain = chains.get(l.id)!;
		const from = box.get(l.from)!;
		const to = box.get(l.to)!;
		if (vertices.get(l.from)!.rank === vertices.get(l.to)!.rank) {
			// Same band: an arc under both boxes, from the side of one to the side of the other.
			const fx = from.x + from.width / 2;
			const tx = to.x + to.width / 2;
			const bottom = Math.max(from.y + from.height, to.y + to.height);
			const points = [
				{ x: r1(fx), y: r1(from.y + from.height) },
				{ x: r1(tx), y: r1(to.y + to.height) }
			];
			const d = `M${points[0].x},${points[0].y}C${r1(fx)},${r1(bottom + 28)} ${r1(tx)},${r1(bottom + 28)} ${points[1].x},${points[1].y}`;
			return { id: l.id, from: l.from, to: l.to, d, points };
		}
		const goesUp = vertices.get(l.to)!.rank < vertices.get(l.from)!.rank;
		const points = chain.flatMap((id, i) => {
			if (i === 0 || i === chain.length - 1) {
				const b = box.get(id)!;
				const leaving = i === 0;
				const onTop = leaving === goesUp;
				return [{ x: r1(ports.get(`${l.id}|${id}`) ?? b.x + b.width / 2), y: r1(onTop ? b.y : b.y + b.height) }];
			}
			// Through a band it skips: straight along the row of boxes, so it never cuts a corner of one.
			const c = centre(id);
			const half = halfRow.get(vertices.get(id)!.rank)!;
			const [enter, leave] = goesUp ? [c.y + half, c.y - half] : [c.y - half, c.y + half];
			return [
				{ x: r1(c.x), y: r1(enter) },
				{ x: r1(c.x), y: r1(leave) }
			];
		});
		let d = `M${points[0].x},${points[0].y}`;
		for (let i = 1; i < points.length; i++) {
			const [p, q] = [points[i - 1], points[i]];
			const my = r1((p.y + q.y) / 2);
			d += `C${p.x},${my} ${q.x},${my} ${q.x},${q.y}`;
		}
		return { id: l.id, from: l.from, to: l.to, d, points };
	});

	return {
		width: Math.ceil(right - left + MARGIN * 2),
		height: Math.ceil(y + MARGIN),
		fontSize,
		flagFontSize,
		lineHeight,
		bands,
		nodes,
		edges,
		crossings: best.crossings
	};
}

/**
 * Places the unlinked steps of each band inside the picture as it stands: in the leftmost gap of their band that is
 * wide enough, else at the band's left end (never past the right edge, so a new step shows without scrolling).
 */
function placeLoose(loose: string[][], order: string[][], x: Map<string, number>, vertices: Map<string, Vertex>, nodeWidth: number) {
	let extentLeft = Infinity;
	let extentRight = -Infinity;
	for (const [id, cx] of x) {
		const w = vertices.get(id)!.width;
		extentLeft = Math.min(extentLeft, cx - w / 2);
		extentRight = Math.max(extentRight, cx + w / 2);
	}
	if (!Number.isFinite(extentLeft)) (extentLeft = 0), (extentRight = 0);
	loose.forEach((ids, r) => {
		// Occupied stretches of the band, each with the gap a neighbour keeps, left to right.
		const taken = order[r].map((id) => {
			const v = vertices.get(id)!;
			const half = v.width / 2 + (v.real ? GAP : DUMMY_GAP);
			return [x.get(id)! - half, x.get(id)! + half] as [number, number];
		});
		for (const id of ids) {
			taken.sort((a, b) => a[0] - b[0]);
			let at: number | null = null;
			let from = extentLeft;
			for (const [a, b] of [...taken, [extentRight + GAP, Infinity] as [number, number]]) {
				if (a - from >= nodeWidth && from + nodeWidth <= extentRight) {
					at = from + nodeWidth / 2;
					break;
				}
				from = Math.max(from, b);
			}
			if (at === null) {
				const leftmost = Math.min(extentLeft, ...taken.map((t) => t[0] + GAP));
				at = leftmost - GAP - nodeWidth / 2;
				extentLeft = at - nodeWidth / 2;
			}
			x.set(id, at);
			taken.push([at - nodeWidth / 2 - GAP, at + nodeWidth / 2 + GAP]);
		}
	});
}

/** Boxes that overlap (for tests): pairs of ids. */
export function overlappingBoxes(layout: TocLayout): [string, string][] {
	const out: [string, string][] = [];
	for (let i = 0; i < layout.nodes.length; i++)
		for (let j = i + 1; j < layout.nodes.length; j++) {
			const [a, b] = [layout.nodes[i], layout.nodes[j]];
			if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) out.push([a.id, b.id]);
		}
	return out;
}

export interface TocLinkBadge {
	id: string;
	number: number;
	/** Centre of the badge. */
	x: number;
	y: number;
	width: number;
	height: number;
}

const BADGE_HEIGHT = 18;
const badgeWidthOf = (n: number) => 10 + String(n).length * 8;

/** A point at `t` (0 to 1) along the curve between two of an edge's points, as the layout draws it. */
function along(p: { x: number; y: number }, q: { x: number; y: number }, t: number) {
	const my = (p.y + q.y) / 2;
	const u = 1 - t;
	return {
		x: u * u * u * p.x + 3 * u * u * t * p.x + 3 * u * t * t * q.x + t * t * t * q.x,
		y: u * u * u * p.y + 3 * u * u * t * my + 3 * u * t * t * my + t * t * t * q.y
	};
}

/**
 * Numbers the links (in the order given, from 1) and sets each number on its line where it covers no step and no other
 * number: along the middle of the line first, then nearer either end. Greedy and deterministic, like the swimlane's.
 */
export function tocLinkBadges(layout: TocLayout, order: readonly string[]): TocLinkBadge[] {
	const edgeOf = new Map(layout.edges.map((e) => [e.id, e]));
	const taken: Box[] = layout.nodes.map((n) => ({ x0: n.x, y0: n.y, x1: n.x + n.width, y1: n.y + n.height }));
	const clash = (b: Box) => taken.some((t) => Math.min(t.x1, b.x1) > Math.max(t.x0, b.x0) && Math.min(t.y1, b.y1) > Math.max(t.y0, b.y0));
	const badges: TocLinkBadge[] = [];
	order.forEach((id, i) => {
		const edge = edgeOf.get(id);
		if (!edge) return;
		const number = i + 1;
		const width = badgeWidthOf(number);
		const segments = edge.points.slice(1).map((q, k) => [edge.points[k], q] as const);
		// Middle segment first, then outward; along each, the middle first.
		const mid = Math.floor((segments.length - 1) / 2);
		const segmentOrder = segments.map((_, k) => k).sort((a, b) => Math.abs(a - mid) - Math.abs(b - mid) || a - b);
		let chosen: { x: number; y: number } | null = null;
		let fallback: { x: number; y: number } | null = null;
		for (const k of segmentOrder) {
			for (const t of [0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9]) {
				const [p, q] = segments[k];
				const at = edge.points.length === 2 && edge.from !== edge.to && p.y === q.y ? { x: (p.x + q.x) / 2, y: p.y + 20 } : along(p, q, t);
				fallback ??= at;
				const box = { x0: at.x - width / 2, y0: at.y - BADGE_HEIGHT / 2, x1: at.x + width / 2, y1: at.y + BADGE_HEIGHT / 2 };
				if (!clash(box)) {
					chosen = at;
					break;
				}
			}
			if (chosen) break;
		}
		const at = chosen ?? fallback!;
		taken.push({ x0: at.x - width / 2, y0: at.y - BADGE_HEIGHT / 2, x1: at.x + width / 2, y1: at.y + BADGE_HEIGHT / 2 });
		badges.push({ id, number, x: r1(at.x), y: r1(at.y), width, height: BADGE_HEIGHT });
	});
	return badges;
}

interface Box {
	x0: number;
	y0: number;
	x1: number;
	y1: number;
}
