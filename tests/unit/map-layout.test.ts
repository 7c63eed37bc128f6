import { describe, expect, it } from 'vitest';
import { canvasSize, layoutNetwork, MARGIN, NODE_GAP } from '$lib/diagrams/force';
import { layoutJourney } from '$lib/diagrams/journey';
import { placeLabels } from '$lib/diagrams/labels';
import { edgePaths } from '$lib/diagrams/edges';
import { networkSvg, journeySvg } from '$lib/diagrams/svg';
import type { MapData } from '$lib/domain/map/types';
import { syntheticNetwork } from '$lib/diagrams/synthetic';
import { TEMPLATE_ACTORS, TEMPLATE_HANDOFFS } from '$lib/domain/map/template';

const syntheticMap = syntheticNetwork;

function expectInsideAndApart(layout: ReturnType<typeof layoutNetwork>) {
	const r = layout.radius;
	for (const n of layout.nodes) {
		expect(n.x - r).toBeGreaterThanOrEqual(MARGIN - 0.1);
		expect(n.y - r).toBeGreaterThanOrEqual(MARGIN - 0.1);
		expect(n.x + r).toBeLessThanOrEqual(layout.width - MARGIN + 0.1);
		expect(n.y + r).toBeLessThanOrEqual(layout.height - MARGIN + 0.1);
	}
	let closest = Infinity;
	for (let i = 0; i < layout.nodes.length; i++)
		for (let j = i + 1; j < layout.nodes.length; j++) {
			const a = layout.nodes[i];
			const b = layout.nodes[j];
			closest = Math.min(closest, Math.hypot(a.x - b.x, a.y - b.y));
		}
	// Rounding to 0.1 px may shave a hair off the gap.
	expect(closest).toBeGreaterThanOrEqual(2 * r + NODE_GAP - 0.2);
}

describe('network layout', () => {
	it('gives the same positions for the same data, whatever order it arrives in', () => {
		const input = syntheticMap(40, 80);
		const a = layoutNetwork(input);
		const b = layoutNetwork({ nodes: [...input.nodes].reverse(), links: [...input.links].reverse() });
		expect(b).toEqual(a);
	});

	it('keeps 300 actors with 900 handoffs inside the canvas without overlaps', () => {
		const layout = layoutNetwork(syntheticMap(300, 900));
		expect(layout.nodes).toHaveLength(300);
		expect({ width: layout.width, height: layout.height }).toEqual(canvasSize(300));
		expectInsideAndApart(layout);
	});

	it('keeps a pinned actor where it was put, and others clear of it', () => {
		const input = syntheticMap(30, 40);
		const pinned = new Map([[input.nodes[3].id, { x: 200, y: 150 }]]);
		const layout = layoutNetwork({ ...input, pinned });
		const node = layout.nodes.find((n) => n.id === input.nodes[3].id)!;
		expect(node).toMatchObject({ x: 200, y: 150, pinned: true });
		expectInsideAndApart(layout);
	});

	it('parts actors pinned on the same spot', () => {
		const input = syntheticMap(5, 4);
		const pinned = new Map(input.nodes.map((n) => [n.id, { x: 300, y: 300 }]));
		expectInsideAndApart(layoutNetwork({ ...input, pinned }));
	});

	it('places the labels of the template map without overlaps', () => {
		const names = new Map(TEMPLATE_ACTORS.map((a, i) => [a.name, `t${i}`]));
		const layout = layoutNetwork({
			nodes: TEMPLATE_ACTORS.map((a) => ({ id: names.get(a.name)!, label: a.name, sector: a.sector })),
			links: TEMPLATE_HANDOFFS.map((h, i) => ({ id: `h${i}`, source: names.get(h.from)!, target: names.get(h.to)! }))
		});
		const boxes = layout.nodes.map((n) => n.label.box);
		for (let i = 0; i < boxes.length; i++)
			for (let j = i + 1; j < boxes.length; j++) {
				const a = boxes[i];
				const b = boxes[j];
				const overlap = Math.min(a.x1, b.x1) > Math.max(a.x0, b.x0) && Math.min(a.y1, b.y1) > Math.max(a.y0, b.y0);
				expect(overlap, `${layout.nodes[i].id} / ${layout.nodes[j].id}`).toBe(false);
			}
		expect(layout.nodes.every((n) => !n.label.crowded)).toBe(true);
	});
});

describe('label placement', () => {
	it('moves a label to the other side when the right is taken', () => {
		const [a, b] = placeLabels(
			[
				{ id: 'a', x: 100, y: 100, text: 'Alpha' },
				{ id: 'b', x: 140, y: 100, text: 'Beta' }
			],
			10,
			400,
			300
		);
		expect(a.anchor).not.toBe('start'); // the right of a is where b stands
		expect(b.anchor).toBe('start');
	});

	it('shortens long labels with an ellipsis', () => {
		const [a] = placeLabels([{ id: 'a', x: 100, y: 100, text: 'A very long name of a multi-agency forum' }], 10, 800, 300);
		expect(a.text.endsWith('…')).toBe(true);
		expect(a.text.length).toBeLessThanOrEqual(26);
	});
});

describe('edges', () => {
	it('draws one straight line, and bows two lines between the same actors apart', () => {
		const positions = new Map([
			['a', { x: 0, y: 0 }],
			['b', { x: 100, y: 0 }]
		]);
		const [single] = edgePaths(positions, [{ id: 'x', source: 'a', target: 'b' }], 10, 4);
		expect(single.d).toBe('M10,0L86,0');
		const pair = edgePaths(positions, [
			{ id: 'x', source: 'a', target: 'b' },
			{ id: 'y', source: 'b', target: 'a' }
		]);
		expect(pair[0].d).toContain('Q');
		expect(pair[0].mid.y).not.toBe(pair[1].mid.y);
	});
});

const small: MapData = {
	actors: [
		{ id: 'p', name: 'Police', sector: 'police', kind: 'team', description: '', audience: 'both' },
		{ id: 'c', name: "Children's services", sector: 'childrens_services', kind: 'team', description: '', audience: 'children' },
		{ id: 'f', name: 'Family', sector: 'family_community', kind: 'role', description: '', audience: 'both' },
		{ id: 'a', name: 'Adult services', sector: 'adult_services', kind: 'team', description: '', audience: 'adults' }
	],
	handoffs: [
		{ id: 'h1', fromActorId: 'f', toActorId: 'p', label: 'Report', stage: 'during', passes: 'information', trigger: '', standard: '', audience: 'both', rating: 'working', evidence: '', notes: '', isGap: false },
		{ id: 'h2', fromActorId: 'p', toActorId: 'c', label: 'Notification', stage: 'return', passes: 'information', trigger: '', standard: '', audience: 'children', rating: 'broken', evidence: '', notes: '', isGap: false },
		{ id: 'h3', fromActorId: 'a', toActorId: 'f', label: 'Follow-up <adults>', stage: 'after', passes: 'information', trigger: '', standard: '', audience: 'adults', rating: 'absent', evidence: '', notes: '', isGap: true }
	]
};

describe('journey layout', () => {
	it('puts a row per actor grouped by sector, and each handoff in its stage column', () => {
		const layout = layoutJourney(small);
		expect(layout.rows.map((r) => r.actorId)).toEqual(['p', 'c', 'a', 'f']);
		expect(layout.groups.map((g) => g.sector)).toEqual(['police', 'childrens_services', 'adult_services', 'family_community']);
		const during = layout.columns.find((c) => c.stage === 'during')!;
		const h1 = layout.arrows.find((a) => a.id === 'h1')!;
		expect(h1.x).toBeGreaterThan(during.x);
		expect(h1.x).toBeLessThan(during.x + during.width);
		expect(h1.y1).toBe(layout.rows.find((r) => r.actorId === 'f')!.y);
		expect(h1.y2).toBe(layout.rows.find((r) => r.actorId === 'p')!.y);
	});

	it('flags the police-only stage and the stages where adults have nothing', () => {
		const layout = layoutJourney(small);
		const flags = Object.fromEntries(layout.columns.map((c) => [c.stage, { police: c.policeOnly, adults: c.adultGap }]));
		expect(flags.during).toEqual({ police: true, adults: false });
		expect(flags.return).toEqual({ police: false, adults: true });
		// The only adult handoff after return is rated absent: it does not exist.
		expect(flags.after.adults).toBe(true);
		expect(flags.before.adults).toBe(true);
	});

	it('puts overlapping arrows of one stage in separate lanes', () => {
		const map: MapData = {
			actors: small.actors,
			handoffs: [small.handoffs[0], { ...small.handoffs[0], id: 'h9', fromActorId: 'c', toActorId: 'p' }]
		};
		const layout = layoutJourney(map);
		const [a, b] = layout.arrows;
		expect(a.x).not.toBe(b.x);
	});
});

describe('SVG strings', () => {
	it('escapes names and draws every node, label and line', () => {
		const network = layoutNetwork({
			nodes: small.actors.map((a) => ({ id: a.id, label: a.name, sector: a.sector })),
			links: small.handoffs.map((h) => ({ id: h.id, source: h.fromActorId, target: h.toActorId }))
		});
		const svg = networkSvg(network, small.handoffs, 'Map <of> Northbrook');
		expect(svg).toContain('<title>Map &lt;of&gt; Northbrook</title>');
		expect(svg).toContain('Children&apos;s services');
		expect(svg.match(/marker-end=/g)).toHaveLength(3);
		expect(svg).toContain('url(#arrow-absent)');
		const journey = journeySvg(layoutJourney(small));
		expect(journey).toContain('No handoff for adults');
		expect(journey).toContain('Police only');
	});
});
