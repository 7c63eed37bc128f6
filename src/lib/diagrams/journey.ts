// The journey swimlane: the five stages as columns, actors as rows grouped by sector, each handoff a vertical arrow in
// its stage from the giver's row to the receiver's. Column headers carry what the analysis finds: a stage held by
// police alone, a stage where adults have no handoff.
import { SECTORS, SECTOR_LABELS, STAGES, STAGE_LABELS, type Rating, type Sector, type Stage } from '$lib/domain/map/enums';
import { adultGapStages, childGapStages, policeOnlyStages } from '$lib/domain/map/analysis';
import type { MapData } from '$lib/domain/map/types';
import { truncateLabel, type Box } from './labels';

export interface JourneyColumn {
	stage: Stage;
	label: string;
	x: number;
	width: number;
	policeOnly: boolean;
	adultGap: boolean;
	childGap: boolean;
	handoffs: number;
}

export interface JourneyRow {
	actorId: string;
	name: string;
	sector: Sector;
	y: number;
}

export interface JourneyGroup {
	sector: Sector;
	label: string;
	y: number;
	height: number;
}

export interface JourneyArrow {
	id: string;
	stage: Stage;
	rating: Rating;
	x: number;
	y1: number;
	y2: number;
	/** The line, ending short of the receiver's row centre so the arrowhead lands on it. */
	d: string;
}

/** A handoff's number on its arrow, keyed to the list beside the swimlane (labels would not fit in a column). */
export interface JourneyBadge {
	id: string;
	number: number;
	/** Centre of the badge. */
	x: number;
	y: number;
	box: Box;
}

export interface JourneyLayout {
	width: number;
	height: number;
	header: number;
	labelWidth: number;
	rowHeight: number;
	columns: JourneyColumn[];
	groups: JourneyGroup[];
	rows: JourneyRow[];
	arrows: JourneyArrow[];
	badges: JourneyBadge[];
}

export const BADGE = { height: 14, digit: 6.5, pad: 6 } as const;
export const badgeWidth = (n: number) => Math.ceil(String(n).length * BADGE.digit + BADGE.pad);

export const JOURNEY = { labelWidth: 240, columnWidth: 166, rowHeight: 28, header: 96, groupGap: 22 } as const;

export function layoutJourney(map: MapData): JourneyLayout {
	const { labelWidth, columnWidth, rowHeight, header, groupGap } = JOURNEY;
	const actors = [...map.actors].sort(
		(a, b) => SECTORS.indexOf(a.sector) - SECTORS.indexOf(b.sector) || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1)
	);
	const rows: JourneyRow[] = [];
	const groups: JourneyGroup[] = [];
	let y = header;
	for (const sector of SECTORS) {
		const members = actors.filter((a) => a.sector === sector);
		if (!members.length) continue;
		const top = y;
		for (const a of members) {
			rows.push({ actorId: a.id, name: truncateLabel(a.name, 32), sector, y: y + rowHeight / 2 });
			y += rowHeight;
		}
		groups.push({ sector, label: SECTOR_LABELS[sector], y: top, height: y - top });
		y += groupGap;
	}
	const height = Math.max(y + 10, header + 60);
	const rowOf = new Map(rows.map((r) => [r.actorId, r.y]));
	const police = new Set(policeOnlyStages(map));
	const adults = new Set(adultGapStages(map));
	const children = new Set(childGapStages(map));

	const columns: JourneyColumn[] = STAGES.map((stage, i) => ({
		stage,
		label: STAGE_LABELS[stage],
		x: labelWidth + i * columnWidth,
		width: columnWidth,
		policeOnly: police.has(stage),
		adultGap: adults.has(stage),
		childGap: children.has(stage),
		handoffs: map.handoffs.filter((h) => h.stage === stage).length
	}));

	const arrows: JourneyArrow[] = [];
	for (const column of columns) {
		const inStage = map.handoffs
			.filter((h) => h.stage === column.stage && rowOf.has(h.fromActorId) && rowOf.has(h.toActorId))
			.map((h) => {
				const y1 = rowOf.get(h.fromActorId)!;
				const y2 = rowOf.get(h.toActorId)!;
				return { h, y1, y2, top: Math.min(y1, y2), bottom: Math.max(y1, y2) };
			})
			.sort((a, b) => a.top - b.top || a.bottom - b.bottom || (a.h.id < b.h.id ? -1 : 1));
		// Interval scheduling: each arrow takes the first lane free over its span.
		const laneEnds: number[] = [];
		const lanes = inStage.map((a) => {
			let lane = laneEnds.findIndex((end) => end < a.top - 2);
			if (lane === -1) {
				lane = laneEnds.length;
				laneEnds.push(a.bottom);
			} else laneEnds[lane] = a.bottom;
			return lane;
		});
		const step = Math.min(18, (column.width - 24) / Math.max(laneEnds.length, 1));
		const start = column.x + column.width / 2 - (step * (laneEnds.length - 1)) / 2;
		inStage.forEach((a, i) => {
			const x = Math.round((start + lanes[i] * step) * 10) / 10;
			const direction = a.y2 > a.y1 ? 1 : -1;
			const end = a.y2 - direction * 7;
			arrows.push({
				id: a.h.id,
				stage: column.stage,
				rating: a.h.rating,
				x,
				y1: a.y1,
				y2: a.y2,
				d: `M${x},${a.y1}L${x},${end}`
			});
		});
	}
	const badges = placeBadges(arrows, columns);
	return {
		width: labelWidth + STAGES.length * columnWidth + 10,
		// A number pushed below the last row by a packed column still shows.
		height: Math.max(height, ...badges.map((b) => Math.ceil(b.box.y1) + 6)),
		header,
		labelWidth,
		rowHeight,
		columns,
		groups,
		rows,
		arrows,
		badges
	};
}

const overlaps = (a: Box, b: Box) => Math.min(a.x1, b.x1) > Math.max(a.x0, b.x0) && Math.min(a.y1, b.y1) > Math.max(a.y0, b.y0);

/**
 * Numbers the arrows in reading order (stage, then top to bottom) and puts each number on its arrow where it touches
 * no other number: the middle first, then further along the line, then just beside it within the column. Greedy and
 * deterministic; the badge's white fill keeps it legible over any line it crosses.
 */
function placeBadges(arrows: JourneyArrow[], columns: JourneyColumn[]): JourneyBadge[] {
	const ordered = [...arrows].sort(
		(a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage) || Math.min(a.y1, a.y2) - Math.min(b.y1, b.y2) || a.x - b.x
	);
	// Numbers only ever meet numbers of their own column, so each column keeps its own boxes, bucketed by height so a
	// check looks only at its neighbours (a 300-actor map has hundreds of arrows per column).
	const takenBy = new Map<Stage, Map<number, Box[]>>();
	const cell = BADGE.height;
	const bucketsOf = (b: Box) => {
		const keys: number[] = [];
		for (let k = Math.floor(b.y0 / cell); k <= Math.floor(b.y1 / cell); k++) keys.push(k);
		return keys;
	};
	const clash = (grid: Map<number, Box[]>, b: Box) => bucketsOf(b).some((k) => grid.get(k)?.some((t) => overlaps(t, b)));
	const badges: JourneyBadge[] = [];
	ordered.forEach((a, i) => {
		const number = i + 1;
		const w = badgeWidth(number);
		const h = BADGE.height;
		const column = columns.find((c) => c.stage === a.stage)!;
		const taken = takenBy.get(a.stage) ?? new Map<number, Box[]>();
		takenBy.set(a.stage, taken);
		const top = Math.min(a.y1, a.y2);
		const bottom = Math.max(a.y1, a.y2);
		const mid = (top + bottom) / 2;
		// Heights to try, nearest the middle first, in half-badge steps; a bounded number so a packed column stays fast.
		const reach = Math.min((bottom - top) / 2, 40 * h);
		const xs = [a.x, a.x + w / 2 + 3, a.x - w / 2 - 3, a.x + w + 6, a.x - w - 6];
		const boxAt = (x: number, y: number): Box => ({ x0: x - w / 2, y0: y - h / 2, x1: x + w / 2, y1: y + h / 2 });
		let chosen: { x: number; y: number } | null = null;
		for (const x of xs) {
			if (x - w / 2 < column.x + 1 || x + w / 2 > column.x + column.width - 1) continue;
			for (let d = 0; d <= reach && !chosen; d += h / 2) {
				if (!clash(taken, boxAt(x, mid - d))) chosen = { x, y: mid - d };
				else if (d > 0 && !clash(taken, boxAt(x, mid + d))) chosen = { x, y: mid + d };
			}
			if (chosen) break;
		}
		// Only a column packed past what any workshop map holds runs out of room: then the number sits below the
		// arrow's end, still inside its column, at the first free height.
		if (!chosen) {
			let y = bottom + h;
			while (clash(taken, boxAt(a.x, y))) y += h;
			chosen = { x: a.x, y };
		}
		const box = boxAt(chosen.x, chosen.y);
		for (const k of bucketsOf(box)) taken.set(k, [...(taken.get(k) ?? []), box]);
		badges.push({ id: a.id, number, x: Math.round(chosen.x * 10) / 10, y: Math.round(chosen.y * 10) / 10, box });
	});
	return badges;
}

/**
 * Cuts a tall swimlane into bands of whole rows for printing, each at most `first` (then `rest`) high in the layout's
 * units below the stage headers, with the numbers that fall in each band (so each page carries its own key). `key`
 * says how much of that room the key to a band's numbers takes, so that a band with many handoffs is cut shorter.
 */
export function journeyBands(
	layout: JourneyLayout,
	first: number,
	rest: number,
	key: (numbers: number[]) => number = () => 0
): { from: number; to: number; numbers: number[] }[] {
	const bands: { from: number; to: number }[] = [];
	const numbersIn = (from: number, to: number) => layout.badges.filter((x) => x.y >= from && x.y < to).map((x) => x.number);
	// The first band starts above the first row by the room its sector's name takes.
	let from = layout.header - JOURNEY.groupGap;
	let lastEnd = from;
	for (const r of layout.rows) {
		const end = r.y + layout.rowHeight / 2;
		const limit = (bands.length ? rest : first) - key(numbersIn(from, end));
		if (end - from > limit && lastEnd > from) {
			bands.push({ from, to: lastEnd });
			from = lastEnd;
		}
		lastEnd = end;
	}
	bands.push({ from, to: layout.height });
	return bands.map((b, i) => ({ ...b, numbers: numbersIn(b.from, i === bands.length - 1 ? Infinity : b.to).sort((a, c) => a - c) }));
}
