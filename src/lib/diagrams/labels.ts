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
export const LABEL_LENGTHS = [MAX_LABEL_CHARS, 18, 12] as const;
// An average character of the system sans at 12px; generous so estimated boxes contain the real text.
const CHAR_WIDTH = 6.8;

export function truncateLabel(text: string, max = MAX_LABEL_CHARS): string {
	return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

export const labelWidth = (text: string) => Math.ceil(text.length * CHAR_WIDTH);

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
 * Places labels for nodes of radius `radius` inside a width x height canvas, clear of `obstacles` too (what is drawn
 * already: other nodes and their labels, when these labels are a handoff's beside the middle of its line).
 */
export function placeLabels(
	nodes: LabelInput[],
	radius: number,
	width: number,
	height: number,
	obstacles: Box[] = []
): PlacedLabel[] {
	const h = LABEL_FONT_SIZE + 2;
	const gap = radius + 4;
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
	for (const n of nodes) occupy({ x0: n.x - radius, y0: n.y - radius, x1: n.x + radius, y1: n.y + radius });

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
		const below = gap + h / 2;
		// Nearest first: beside, under, over, then the diagonals, then a line further out each time.
		const list: Candidate[] = [side(gap, 0, 'start'), side(gap, 0, 'end'), vertical(below), vertical(-below)];
		for (let line = 0; line < 5; line++) {
			const dx = gap * (0.7 - line * 0.2);
			const dy = gap + line * h;
			list.push(side(dx, dy, 'start'), side(dx, dy, 'end'), side(dx, -dy, 'start'), side(dx, -dy, 'end'));
			list.push(vertical(below + (line + 1) * h), vertical(-below - (line + 1) * h));
		}
		return list;
	}
}

type Candidate = { x: number; y: number; anchor: PlacedLabel['anchor']; box: Box };
