import { describe, expect, it } from 'vitest';
import { layoutNetwork } from '$lib/diagrams/force';
import { edgeLabels } from '$lib/diagrams/edges';
import { labelBox, type Box } from '$lib/diagrams/labels';
import { syntheticNetwork } from '$lib/diagrams/synthetic';
import { sectorReach } from '$lib/diagrams/shapes';

const overlaps = (a: Box, b: Box) => Math.min(a.x1, b.x1) > Math.max(a.x0, b.x0) && Math.min(a.y1, b.y1) > Math.max(a.y0, b.y0);

describe('handoff labels in present mode', () => {
	it('sit by their lines, clear of every node, every actor label and each other', () => {
		const input = syntheticNetwork(60, 120);
		const layout = layoutNetwork(input);
		const edges = input.links.slice(0, 20).map((l, i) => ({ ...l, text: `Handoff number ${i} with a long name` }));
		const labels = edgeLabels(layout, edges);
		expect(labels.length).toBeGreaterThanOrEqual(8);
		// Clear of the whole of each actor's shape (its own reach: a hexagon is lower than its circle, a star taller).
		const reach = (n: (typeof layout.nodes)[number]) => sectorReach(n.sector, layout.radius);
		const taken: Box[] = layout.nodes.flatMap((n) => [
			{ x0: n.x - reach(n).x, y0: n.y - reach(n).y, x1: n.x + reach(n).x, y1: n.y + reach(n).y },
			...(n.label.text ? [labelBox(n.label)] : [])
		]);
		const boxes = labels.map(labelBox);
		boxes.forEach((b, i) => {
			expect(taken.some((t) => overlaps(b, t))).toBe(false);
			expect(boxes.some((o, j) => j !== i && overlaps(b, o))).toBe(false);
			expect(b.x0).toBeGreaterThanOrEqual(0);
			expect(b.x1).toBeLessThanOrEqual(layout.width);
		});
		const byId = new Map(layout.nodes.map((n) => [n.id, n]));
		for (const label of labels) {
			const edge = edges.find((e) => e.id === label.id)!;
			const [a, b] = [byId.get(edge.source)!, byId.get(edge.target)!];
			// Near the middle of its line: within a few label heights of it.
			expect(Math.hypot(label.x - (a.x + b.x) / 2, label.y - (a.y + b.y) / 2)).toBeLessThan(140);
		}
	});

	it('leaves out lines whose actors are not drawn', () => {
		const layout = layoutNetwork(syntheticNetwork(5, 4));
		expect(edgeLabels(layout, [{ id: 'x', source: 'nobody', target: layout.nodes[0].id, text: 'Gone' }])).toEqual([]);
	});
});
