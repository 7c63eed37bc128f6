// Handoff lines between positioned nodes: straight when alone, bowed apart when several join the same two actors.
// Pure and light, so the page can redraw lines while a node is dragged.

import { labelBox, placeLabels, type Box, type PlacedLabel } from './labels';
import { sectorReach } from './shapes';
import type { Sector } from '$lib/domain/map/enums';

export interface Point {
	x: number;
	y: number;
}

export interface EdgeInput {
	id: string;
	source: string;
	target: string;
}

export interface EdgeShape {
	id: string;
	d: string;
	/** Where a label or highlight for the line can sit. */
	mid: Point;
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Paths from the edge of the source node to just short of the target node (so the arrowhead touches it).
 * `radius` is the node's radius; `gap` leaves room for the arrowhead.
 */
export function edgePaths(
	positions: Map<string, Point>,
	edges: EdgeInput[],
	radius = 16,
	gap = 4
): EdgeShape[] {
	const groups = new Map<string, EdgeInput[]>();
	for (const e of edges) {
		const pair = e.source < e.target ? `${e.source}|${e.target}` : `${e.target}|${e.source}`;
		const list = groups.get(pair) ?? [];
		list.push(e);
		groups.set(pair, list);
	}
	const out: EdgeShape[] = [];
	for (const list of groups.values()) {
		list.forEach((e, i) => {
			const s = positions.get(e.source);
			const t = positions.get(e.target);
			if (!s || !t) return;
			const dx = t.x - s.x;
			const dy = t.y - s.y;
			const length = Math.hypot(dx, dy) || 1;
			const ux = dx / length;
			const uy = dy / length;
			// Offsets are measured on the normal of the pair's canonical direction, so A->B and B->A bow apart.
			const flip = e.source < e.target ? 1 : -1;
			const bend = (i - (list.length - 1) / 2) * 26 * flip;
			const cx = (s.x + t.x) / 2 - uy * bend;
			const cy = (s.y + t.y) / 2 + ux * bend;
			// Trim both ends along the direction towards the control point.
			const trim = (from: Point, towards: Point, by: number): Point => {
				const ddx = towards.x - from.x;
				const ddy = towards.y - from.y;
				const l = Math.hypot(ddx, ddy) || 1;
				return { x: from.x + (ddx / l) * by, y: from.y + (ddy / l) * by };
			};
			const a = trim(s, { x: cx, y: cy }, radius);
			const b = trim(t, { x: cx, y: cy }, radius + gap);
			const d =
				bend === 0
					? `M${r1(a.x)},${r1(a.y)}L${r1(b.x)},${r1(b.y)}`
					: `M${r1(a.x)},${r1(a.y)}Q${r1(cx)},${r1(cy)} ${r1(b.x)},${r1(b.y)}`;
			const mid = bend === 0 ? { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } : { x: (s.x + 2 * cx + t.x) / 4, y: (s.y + 2 * cy + t.y) / 4 };
			out.push({ id: e.id, d, mid: { x: r1(mid.x), y: r1(mid.y) } });
		});
	}
	return out;
}

/** A handoff's label as drawn beside the middle of its line. */
export interface EdgeLabel {
	id: string;
	x: number;
	y: number;
	anchor: PlacedLabel['anchor'];
	text: string;
}

/**
 * Labels for some of a network's lines (the handoffs present mode highlights), each beside the middle of its line and
 * clear of every node, every actor's label and each other; one that finds no room even shortened is left out (the
 * slide's list names it).
 */
export function edgeLabels(
	layout: { width: number; height: number; radius: number; nodes: { id: string; x: number; y: number; sector: Sector; label: Pick<PlacedLabel, 'x' | 'y' | 'anchor' | 'text'> }[] },
	edges: (EdgeInput & { text: string })[]
): EdgeLabel[] {
	const positions = new Map(layout.nodes.map((n) => [n.id, { x: n.x, y: n.y }]));
	const drawn = edges.filter((e) => positions.has(e.source) && positions.has(e.target));
	const mids = new Map(edgePaths(positions, drawn, layout.radius).map((s) => [s.id, s.mid]));
	const obstacles: Box[] = layout.nodes.flatMap((n) => [
		(({ x, y }) => ({ x0: n.x - x, y0: n.y - y, x1: n.x + x, y1: n.y + y }))(sectorReach(n.sector, layout.radius)),
		...(n.label.text ? [labelBox(n.label)] : [])
	]);
	const placed = placeLabels(
		drawn.map((e) => ({ id: e.id, ...mids.get(e.id)!, text: e.text })),
		3,
		layout.width,
		layout.height,
		obstacles
	);
	return placed.filter((p) => !p.hidden).map(({ id, x, y, anchor, text }) => ({ id, x, y, anchor, text }));
}
