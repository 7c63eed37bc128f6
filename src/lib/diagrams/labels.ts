// Places node labels so they never collide with each other, with nodes or with the canvas edge: each label tries
// positions around its node (right, left, below, above, the diagonals, then further out) and takes the first free
// one; when none is free it tries again with the name shortened further, and when even the shortest form finds no
// room the label is left out (`hidden`): the node still carries the full name in its tooltip and accessible name,
// and the table lists it. Greedy, deterministic, fast enough for hundreds of labels.

export interface LabelInput {
	id: string;
	x: number;
	y: number;
	text: string;
	/** How far the node's shape reaches across and up or down; a circle of `radius` when not given. */
	reach?: { x: number; y: number };
}

export interface PlacedLabel {
	id: string;
	x: number;
	y: number;
	anchor: 'start' | 'middle' | 'end';
	/** What is drawn: the name, shortened with an ellipsis when it is long or space is tight; '' when hidden. */
	text: string;
	/** The whole name, for the tooltip. */
	full: string;
	/** The box the label occupies, for tests and hit-checks (empty when hidden). */
	box: Box;
	/** True when the name did not fit anywhere even shortened, so no label is drawn. */
	hidden: boolean;
}

export interface Box {
	x0: number;
	y0: number;
	x1: number;
	y1: number;
}

export const LABEL_FONT_SIZE = 12;
export const MAX_LABEL_CHARS = 26;
/** The ever shorter forms a crowded label tries before it is left out. */
export const LABEL_LENGTHS = [MAX_LABEL_CHARS, 18, 12, 8] as const;
// Each printable ASCII character's width at 12px in DejaVu Sans, the default sans of Linux desktops and the widest
// of the common system fonts (Segoe UI, Roboto, Arial and Helvetica are narrower), so a box always holds its text:
// capitals are a third wider than lower case ("CAMHS" is 44 px), which an average width would miss.
const ASCII_WIDTHS = [3.8, 4.8, 5.5, 10.1, 7.6, 11.4, 9.4, 3.3, 4.7, 4.7, 6.0, 10.1, 3.8, 4.3, 3.8, 4.0, 7.6, 7.6, 7.6, 7.6, 7.6, 7.6, 7.6, 7.6, 7.6, 7.6, 4.0, 4.0, 10.1, 10.1, 10.1, 6.4, 12.0, 8.2, 8.2, 8.4, 9.2, 7.6, 6.9, 9.3, 9.0, 3.5, 3.5, 7.9, 6.7, 10.3, 9.0, 9.4, 7.2, 9.4, 8.3, 7.6, 7.3, 8.8, 8.2, 11.9, 8.2, 7.3, 8.2, 4.7, 4.0, 4.7, 10.1, 6.0, 6.0, 7.3, 7.6, 6.6, 7.6, 7.4, 4.2, 7.6, 7.6, 3.3, 3.3, 7.0, 3.3, 11.7, 7.6, 7.3, 7.6, 7.6, 4.9, 6.2, 4.7, 7.6, 7.1, 9.8, 7.1, 7.1, 6.3, 7.6, 4.0, 7.6, 10.1];
/** Anything else: the width of a digit; the ellipsis as measured. */
const OTHER_WIDTH = 7.7;
const ELLIPSIS_WIDTH = 12;

const charWidth = (c: string) => {
	const code = c.charCodeAt(0);
	if (code >= 32 && code < 127) return ASCII_WIDTHS[code - 32];
	return c === '…' ? ELLIPSIS_WIDTH : OTHER_WIDTH;
};

export function truncateLabel(text: string, max = MAX_LABEL_CHARS): string {
	return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

export const labelWidth = (text: string) => Math.ceil([...text].reduce((sum, c) => sum + charWidth(c), 0) * (LABEL_FONT_SIZE / 12));

function overlap(a: Box, b: Box): number {
	const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
	const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
	return w > 0 && h > 0 ? w * h : 0;
}

/** The box a drawn label occupies, from where it sits and how it is anchored. */
export function labelBox(label: Pick<PlacedLabel, 'x' | 'y' | 'anchor' | 'text'>): Box {
	const w = labelWidth(label.text);
	const x0 = label.anchor === 'start' ? label.x : label.anchor === 'end' ? label.x - w : label.x - w / 2;
	return { x0, y0: label.y - LABEL_FONT_SIZE / 2 - 1, x1: x0 + w, y1: label.y + LABEL_FONT_SIZE / 2 + 1 };
}

/**
 * Places labels for nodes of radius `radius` (or their own reach) inside a width x height canvas, clear of `obstacles`
 * too (what is drawn already: other nodes and their labels, when these labels are a handoff's beside its line).
 */
export function placeLabels(
	nodes: LabelInput[],
	radius: number,
	width: number,
	height: number,
	obstacles: Box[] = []
): PlacedLabel[] {
	const h = LABEL_FONT_SIZE + 2;
	const reachOf = (n: LabelInput) => n.reach ?? { x: radius, y: radius };
	// A coarse grid of occupied boxes keeps each check local.
	const cell = 80;
	const grid = new Map<string, Box[]>();
	const cellsOf = (b: Box) => {
		const keys: string[] = [];
		for (let cx = Math.floor(b.x0 / cell); cx <= Math.floor(b.x1 / cell); cx++)
			for (let cy = Math.floor(b.y0 / cell); cy <= Math.floor(b.y1 / cell); cy++) keys.push(`${cx},${cy}`);
		return keys;
	};
	const occupy = (b: Box) => {
		for (const k of cellsOf(b)) {
			const list = grid.get(k) ?? [];
			list.push(b);
			grid.set(k, list);
		}
	};
	const cost = (b: Box) => {
		let total = 0;
		const seen = new Set<Box>();
		for (const k of cellsOf(b)) {
			for (const other of grid.get(k) ?? []) {
				if (seen.has(other)) continue;
				seen.add(other);
				total += overlap(b, other);
			}
		}
		// Outside the canvas counts as overlap too.
		const outside =
			Math.max(0, -b.x0) + Math.max(0, b.x1 - width) + Math.max(0, -b.y0) + Math.max(0, b.y1 - height);
		return total + outside * h * 4;
	};
	for (const b of obstacles) occupy(b);
	for (const n of nodes) {
		const { x, y } = reachOf(n);
		occupy({ x0: n.x - x, y0: n.y - y, x1: n.x + x, y1: n.y + y });
	}

	// The most crowded nodes choose first, while they still have a choice; ties keep the input order.
	const crowding = nodes.map((n) => nodes.filter((m) => Math.abs(m.x - n.x) < 120 && Math.abs(m.y - n.y) < 60).length);
	const order = nodes.map((_, i) => i).sort((a, b) => crowding[b] - crowding[a] || a - b);
	const placed: PlacedLabel[] = new Array(nodes.length);
	for (const index of order) placed[index] = place(nodes[index]);
	return placed;

	function place(n: LabelInput): PlacedLabel {
		for (const length of LABEL_LENGTHS) {
			const text = truncateLabel(n.text, length);
			const free = candidates(n, text).find((c) => cost(c.box) === 0);
			if (free) {
				occupy(free.box);
				return {
					id: n.id,
					x: Math.round(free.x * 10) / 10,
					y: Math.round(free.y * 10) / 10,
					anchor: free.anchor,
					text,
					full: n.text,
					box: free.box,
					hidden: false
				};
			}
		}
		return { id: n.id, x: n.x, y: n.y, anchor: 'middle', text: '', full: n.text, box: { x0: n.x, y0: n.y, x1: n.x, y1: n.y }, hidden: true };
	}

	function candidates(n: LabelInput, text: string): Candidate[] {
		const w = labelWidth(text);
		// Beside the shape's own edge, and never nearer its centre than a circle of `radius` would put it.
		const reach = reachOf(n);
		const gap = Math.max(radius, reach.x) + 4;
		const gapY = Math.max(radius, reach.y) + 4;
		const side = (dx: number, dy: number, anchor: 'start' | 'end'): Candidate => {
			const x0 = anchor === 'start' ? n.x + dx : n.x - dx - w;
			return { x: anchor === 'start' ? n.x + dx : n.x - dx, y: n.y + dy, anchor, box: { x0, y0: n.y + dy - h / 2, x1: x0 + w, y1: n.y + dy + h / 2 } };
		};
		const vertical = (dy: number): Candidate => ({
			x: n.x,
			y: n.y + dy,
			anchor: 'middle',
			box: { x0: n.x - w / 2, y0: n.y + dy - h / 2, x1: n.x + w / 2, y1: n.y + dy + h / 2 }
		});
		const below = gapY + h / 2;
		// Nearest first: beside, under, over, then the diagonals, then a line further out each time.
		const list: Candidate[] = [side(gap, 0, 'start'), side(gap, 0, 'end'), vertical(below), vertical(-below)];
		for (let line = 0; line < 5; line++) {
			const dx = gap * (0.7 - line * 0.2);
			const dy = gapY + line * h;
			list.push(side(dx, dy, 'start'), side(dx, dy, 'end'), side(dx, -dy, 'start'), side(dx, -dy, 'end'));
			list.push(vertical(below + (line + 1) * h), vertical(-below - (line + 1) * h));
		}
		return list;
	}
}

type Candidate = { x: number; y: number; anchor: PlacedLabel['anchor']; box: Box };
