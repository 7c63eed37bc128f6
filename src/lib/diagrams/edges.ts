// Handoff lines between positioned nodes: straight when alone, bowed apart when several join the same two actors.
// Pure and light, so the page can redraw lines while a node is dragged.

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
