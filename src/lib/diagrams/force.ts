// The network layout: d3-force with a seeded random source, a capped number of ticks, a collision force, and a final
// pass that clamps every node inside the canvas and pushes apart any that still overlap. Same data in, same picture out.
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3-force';
import { SECTORS, type Sector } from '$lib/domain/map/enums';
import type { DiagramActor, PackedHandoff } from '$lib/domain/map/types';
import { hashString, lcg } from './random';
import { placeLabels, type PlacedLabel } from './labels';
import { sectorReach } from './shapes';

export interface NetworkNodeInput {
	id: string;
	label: string;
	sector: Sector;
}

export interface NetworkLinkInput {
	id: string;
	source: string;
	target: string;
}

export interface NetworkLayoutInput {
	nodes: NetworkNodeInput[];
	links: NetworkLinkInput[];
	/** Positions people pinned by dragging or the move buttons. */
	pinned?: Map<string, { x: number; y: number }>;
	ticks?: number;
}

export interface PositionedNode {
	id: string;
	x: number;
	y: number;
	sector: Sector;
	pinned: boolean;
	label: PlacedLabel;
}

export interface NetworkLayout {
	width: number;
	height: number;
	radius: number;
	nodes: PositionedNode[];
}

/** What the browser draws of a layout: positions, sectors and where each label sits (no collision boxes). */
export interface NetworkDrawing {
	width: number;
	height: number;
	radius: number;
	nodes: { id: string; x: number; y: number; sector: Sector; label: Pick<PlacedLabel, 'x' | 'y' | 'anchor' | 'text'> }[];
}

/**
 * What the network view draws, the same for every request of one map version: the layout, the actors, every handoff
 * packed, and each actor's version (the canvas deletes an actor as the forms do: a stale version is refused).
 */
export interface DrawnNetwork {
	drawing: NetworkDrawing;
	actors: DiagramActor[];
	handoffs: PackedHandoff[];
	actorVersions: Record<string, number>;
}

const r1 = (n: number) => Math.round(n * 10) / 10;
const drawings = new WeakMap<NetworkLayout, NetworkDrawing>();

/** A layout as the browser needs it, to 0.1 px; made once per (cached) layout. */
export function networkDrawingOf(layout: NetworkLayout): NetworkDrawing {
	let drawing = drawings.get(layout);
	if (!drawing) {
		drawing = {
			width: layout.width,
			height: layout.height,
			radius: layout.radius,
			nodes: layout.nodes.map((n) => ({
				id: n.id,
				x: r1(n.x),
				y: r1(n.y),
				sector: n.sector,
				label: { x: r1(n.label.x), y: r1(n.label.y), anchor: n.label.anchor, text: n.label.text }
			}))
		};
		drawings.set(layout, drawing);
	}
	return drawing;
}

export const NODE_RADIUS = 16;
/**
 * Space kept between two nodes' circles: 2r + 8 = 40 px between centres is more than twice the farthest point of any
 * sector's shape (a square's corner, 0.88 * sqrt(2) * r = 19.9 px), so no two shapes touch whichever way they face.
 */
export const NODE_GAP = 8;
export const MARGIN = 24;
/**
 * Ticks fall as the map grows (150 for a workshop map, 80 at 300 actors): the sector-spiral start is already close,
 * and the separation pass guarantees the invariants whatever the count, so large maps stay well under 250 ms.
 */
export const defaultTicks = (count: number) => Math.min(150, Math.max(60, Math.round(24_000 / Math.max(count, 1))));

/** The canvas grows with the number of actors so that a large map still has room for every node and label. */
export function canvasSize(count: number) {
	const width = Math.max(960, Math.round(Math.sqrt(Math.max(count, 1)) * 120));
	return { width, height: Math.round(width * 0.625) };
}

interface SimNode extends SimulationNodeDatum {
	id: string;
	sector: Sector;
	ax: number;
	ay: number;
	pinned: boolean;
}

/** Where each actor sits, before labels: depends on the actors' ids and sectors, the handoffs' ends and the pins only. */
export interface NetworkPositions {
	width: number;
	height: number;
	radius: number;
	nodes: { id: string; x: number; y: number; sector: Sector; pinned: boolean }[];
}

/** The network laid out with its labels placed beside the nodes. */
export function layoutNetwork(input: NetworkLayoutInput): NetworkLayout {
	return labelNetwork(positionNetwork(input), new Map(input.nodes.map((n) => [n.id, n.label])));
}

/** Positions the actors (a force simulation, then a separation pass); names play no part, so a rename keeps them. */
export function positionNetwork(input: Omit<NetworkLayoutInput, 'nodes'> & { nodes: Omit<NetworkLayoutInput['nodes'][number], 'label'>[] }): NetworkPositions {
	const nodes = [...input.nodes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	const ids = new Set(nodes.map((n) => n.id));
	const links = input.links
		.filter((l) => ids.has(l.source) && ids.has(l.target) && l.source !== l.target)
		.sort((a, b) => (a.id < b.id ? -1 : 1));
	const { width, height } = canvasSize(nodes.length);
	const r = NODE_RADIUS;
	const pinned = input.pinned ?? new Map();
	const seed = hashString(nodes.map((n) => n.id).join(',') + '|' + links.map((l) => `${l.source}>${l.target}`).join(','));
	const random = lcg(seed);

	// Each sector has an anchor on an ellipse, so that a sector's actors gather and the picture reads by sector.
	const present = SECTORS.filter((s) => nodes.some((n) => n.sector === s));
	const anchor = new Map(
		present.map((s, i) => {
			const a = (i / present.length) * 2 * Math.PI - Math.PI / 2;
			return [s, { x: width / 2 + Math.cos(a) * width * 0.34, y: height / 2 + Math.sin(a) * height * 0.34 }];
		})
	);
	const count = new Map<Sector, number>();
	const sim: SimNode[] = nodes.map((n) => {
		const at = anchor.get(n.sector)!;
		const k = count.get(n.sector) ?? 0;
		count.set(n.sector, k + 1);
		// A sunflower spiral around the anchor: spread out, deterministic, no two nodes on the same spot.
		const angle = k * 2.39996;
		const distance = 22 * Math.sqrt(k + 0.5);
		const pin = pinned.get(n.id);
		return {
			id: n.id,
			sector: n.sector,
			ax: at.x,
			ay: at.y,
			pinned: !!pin,
			x: pin?.x ?? at.x + Math.cos(angle) * distance,
			y: pin?.y ?? at.y + Math.sin(angle) * distance,
			fx: pin?.x,
			fy: pin?.y
		};
	});

	const ticks = input.ticks ?? defaultTicks(nodes.length);
	const simulation = forceSimulation<SimNode>(sim)
		.randomSource(random)
		.alphaDecay(1 - Math.pow(0.001, 1 / ticks))
		.force(
			'link',
			forceLink<SimNode, { source: string; target: string }>(links.map((l) => ({ source: l.source, target: l.target })))
				.id((d) => d.id)
				.distance(110)
				.strength(0.06)
		)
		.force('charge', forceManyBody<SimNode>().strength(-320).distanceMax(300).theta(0.95))
		// Wider than the hard minimum, to leave room for labels beside the nodes.
		.force('collide', forceCollide<SimNode>(r + 14).iterations(1))
		.force('x', forceX<SimNode>((d) => d.ax).strength(0.045))
		.force('y', forceY<SimNode>((d) => d.ay).strength(0.06))
		.stop();
	simulation.tick(ticks);

	separate(sim, r, width, height);
	return { width, height, radius: r, nodes: sim.map((n) => ({ id: n.id, x: n.x!, y: n.y!, sector: n.sector, pinned: n.pinned })) };
}

/** Places each actor's name (`labels`, by id) beside its node, clear of the others. */
export function labelNetwork(positions: NetworkPositions, labels: Map<string, string>): NetworkLayout {
	const { width, height, radius: r } = positions;
	const placed = placeLabels(
		positions.nodes.map((n) => ({ id: n.id, x: n.x, y: n.y, text: labels.get(n.id)!, reach: sectorReach(n.sector, r) })),
		r,
		width,
		height
	);
	return {
		width,
		height,
		radius: r,
		nodes: positions.nodes.map((n, i) => ({
			id: n.id,
			x: Math.round(n.x * 10) / 10,
			y: Math.round(n.y * 10) / 10,
			sector: n.sector,
			pinned: n.pinned,
			label: placed[i]
		}))
	};
}

/** Keeps every node inside the canvas and at least 2r + gap from every other; pinned nodes stay put where possible. */
function separate(nodes: SimNode[], r: number, width: number, height: number) {
	const min = 2 * r + NODE_GAP;
	const clamp = (n: SimNode) => {
		n.x = Math.min(width - MARGIN - r, Math.max(MARGIN + r, n.x!));
		n.y = Math.min(height - MARGIN - r, Math.max(MARGIN + r, n.y!));
	};
	nodes.forEach(clamp);
	const cell = min;
	for (let pass = 0; pass < 60; pass++) {
		let moved = false;
		const grid = new Map<string, SimNode[]>();
		for (const n of nodes) {
			const key = `${Math.floor(n.x! / cell)},${Math.floor(n.y! / cell)}`;
			const list = grid.get(key) ?? [];
			list.push(n);
			grid.set(key, list);
		}
		for (const n of nodes) {
			const cx = Math.floor(n.x! / cell);
			const cy = Math.floor(n.y! / cell);
			for (let gx = cx - 1; gx <= cx + 1; gx++) {
				for (let gy = cy - 1; gy <= cy + 1; gy++) {
					for (const m of grid.get(`${gx},${gy}`) ?? []) {
						if (m === n || m.id < n.id) continue;
						let dx = m.x! - n.x!;
						let dy = m.y! - n.y!;
						let d = Math.hypot(dx, dy);
						if (d >= min) continue;
						if (d < 1e-6) {
							// Exactly on top of each other: part them along a direction fixed by their ids.
							const a = (hashString(n.id + m.id) / 4294967296) * 2 * Math.PI;
							dx = Math.cos(a);
							dy = Math.sin(a);
							d = 1;
						}
						const push = (min - d) / 2 + 0.01;
						const ux = dx / d;
						const uy = dy / d;
						// A pinned node does not move unless both are pinned.
						const nShare = n.pinned && !m.pinned ? 0 : m.pinned && !n.pinned ? 2 : 1;
						const mShare = 2 - nShare;
						n.x! -= ux * push * nShare;
						n.y! -= uy * push * nShare;
						m.x! += ux * push * mShare;
						m.y! += uy * push * mShare;
						clamp(n);
						clamp(m);
						moved = true;
					}
				}
			}
		}
		if (!moved) break;
	}
}
