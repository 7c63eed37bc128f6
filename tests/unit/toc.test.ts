import { describe, expect, it } from 'vitest';
import {
	cycleThrough,
	describeCycle,
	expectedProgress,
	findCycle,
	indicatorProgress,
	isolatedSteps,
	linkDirectionError,
	outcomesWithoutAction,
	pathsUp,
	pathwaysOf,
	planErrors,
	progressOf,
	quarterLabel,
	quarterOf,
	recentQuarters,
	within72hShare,
	type IndicatorPlan
} from '$lib/domain/toc';
import { seriesChart } from '$lib/diagrams/charts';
import { tocSvg } from '$lib/diagrams/svg';
import { TEMPLATE_LINKS, TEMPLATE_NODES } from '$lib/domain/toc-template';
import { layoutToc, overlappingBoxes, placeInOrder, titleLines, tocLinkBadges } from '$lib/diagrams/toc';
import { syntheticToc } from '$lib/diagrams/synthetic';

const edges = (...pairs: string[]) => pairs.map((p) => ({ from: p[0], to: p[1] }));

describe('cycles in "leads to"', () => {
	it('names the loop a new link would close, starting and ending at its source', () => {
		// A -> B -> C exists; the new link C -> A closes the loop C -> A -> B -> C.
		expect(cycleThrough(edges('AB', 'BC'), 'C', 'A')).toEqual(['C', 'A', 'B', 'C']);
		expect(describeCycle(['C', 'A', 'B', 'C'], (id) => `Step ${id}`)).toBe('Step C → Step A → Step B → Step C');
	});

	it('accepts links that keep the graph acyclic, including a second path to the same step', () => {
		expect(cycleThrough(edges('AB', 'BC'), 'A', 'C')).toBeNull();
		expect(cycleThrough(edges('AB', 'CD'), 'B', 'C')).toBeNull();
		expect(cycleThrough([], 'A', 'B')).toBeNull();
	});

	it('treats a self-link as a loop and finds the shortest loop among several', () => {
		expect(cycleThrough([], 'A', 'A')).toEqual(['A', 'A']);
		// D -> A closes D -> A -> B -> C -> D and, shorter, D -> A -> D.
		expect(cycleThrough(edges('AB', 'BC', 'CD', 'AD'), 'D', 'A')).toEqual(['D', 'A', 'D']);
	});

	it('finds a cycle already in a list of links, or none', () => {
		expect(findCycle(edges('AB', 'BC', 'CA'))).toEqual(['C', 'A', 'B', 'C']);
		expect(findCycle(TEMPLATE_LINKS)).toBeNull();
	});
});

describe('links lead upward', () => {
	const step = (kind: Parameters<typeof linkDirectionError>[0]['kind'], title: string) => ({ kind, title });

	it('refuses a link from a higher band down to a lower one, saying which way round it should go', () => {
		const error = linkDirectionError(step('impact', 'Fewer repeats'), step('activity', 'Mapping workshops'));
		expect(error).toContain('A link leads upward');
		expect(error).toContain('“Fewer repeats” (impact) sits above “Mapping workshops” (activity)');
		expect(error).toContain('Make the link from “Mapping workshops” to “Fewer repeats” instead.');
		expect(linkDirectionError(step('output', 'A map'), step('input', 'Time'))).toContain('leads upward');
	});

	it('accepts every upward link, and outcome to outcome within a band, but no other sideways link', () => {
		expect(linkDirectionError(step('activity', 'A'), step('impact', 'I'))).toBeNull();
		expect(linkDirectionError(step('input', 'A'), step('activity', 'B'))).toBeNull();
		expect(linkDirectionError(step('short_term_outcome', 'A'), step('short_term_outcome', 'B'))).toBeNull();
		expect(linkDirectionError(step('activity', 'A'), step('activity', 'B'))).toContain('only outcomes may lead to a step in their own band');
		expect(linkDirectionError(step('impact', 'A'), step('impact', 'B'))).toContain('both impact');
	});

	it('the programme template keeps the rule', () => {
		const kind = new Map(TEMPLATE_NODES.map((n) => [n.key, n]));
		for (const l of TEMPLATE_LINKS) expect(linkDirectionError(kind.get(l.from)!, kind.get(l.to)!)).toBeNull();
	});
});

describe('unconnected steps', () => {
	it('reports each step with no link in or out, and none that has either', () => {
		const nodes = [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }];
		expect(isolatedSteps(nodes, [{ from: 'a', to: 'b' }])).toEqual([{ id: 'c' }, { id: 'd' }]);
		expect(isolatedSteps(nodes, [{ from: 'a', to: 'b' }, { from: 'c', to: 'd' }])).toEqual([]);
		expect(isolatedSteps(nodes, [])).toHaveLength(4);
	});
});

describe('pathways, for a theory of change too large to print whole', () => {
	const step = (id: string, kind: Parameters<typeof pathwaysOf>[0][number]['kind']) => ({ id, kind });
	const nodes = [step('I', 'impact'), step('L1', 'long_term_outcome'), step('L2', 'long_term_outcome'), step('O1', 'output'), step('O2', 'output'), step('A', 'activity'), step('lone', 'activity')];
	const link = (from: string, to: string) => ({ id: `${from}-${to}`, from, to });
	const links = [link('A', 'O1'), link('A', 'O2'), link('O1', 'L1'), link('O2', 'L2'), link('O1', 'L2'), link('L1', 'I'), link('L2', 'I')];

	it('gives each long-term outcome everything that leads up to it and what it leads to, sharing steps where paths meet', () => {
		const pathways = pathwaysOf(nodes, links);
		expect(pathways.map((p) => p.outcome.id)).toEqual(['L1', 'L2']);
		expect([...pathways[0].nodeIds].sort()).toEqual(['A', 'I', 'L1', 'O1']);
		expect([...pathways[0].linkIds].sort()).toEqual(['A-O1', 'L1-I', 'O1-L1']);
		expect([...pathways[1].nodeIds].sort()).toEqual(['A', 'I', 'L2', 'O1', 'O2']);
		expect(pathways.some((p) => p.nodeIds.has('lone'))).toBe(false);
	});

	it('falls back to intermediate outcomes, and gives none when there is no outcome to split by', () => {
		const middle = nodes.map((n) => (n.kind === 'long_term_outcome' ? { ...n, kind: 'intermediate_outcome' as const } : n));
		expect(pathwaysOf(middle, links)).toHaveLength(2);
		expect(pathwaysOf([step('A', 'activity')], [])).toEqual([]);
	});
});

describe('paths up to the impact', () => {
	const nodes = [
		{ id: 'I', kind: 'impact' as const },
		{ id: 'L', kind: 'long_term_outcome' as const },
		{ id: 'S', kind: 'short_term_outcome' as const },
		{ id: 'X', kind: 'short_term_outcome' as const },
		{ id: 'A', kind: 'activity' as const }
	];
	const links = [
		{ id: 'AS', from: 'A', to: 'S' },
		{ id: 'AX', from: 'A', to: 'X' },
		{ id: 'SL', from: 'S', to: 'L' },
		{ id: 'LI', from: 'L', to: 'I' }
	];

	it('lights every step and link on a path from the chosen step to the impact, and no dead end', () => {
		const { nodeIds, linkIds } = pathsUp(nodes, links, 'A');
		expect([...nodeIds].sort()).toEqual(['A', 'I', 'L', 'S']);
		expect([...linkIds].sort()).toEqual(['AS', 'LI', 'SL']);
	});

	it('shows every onward path when none reaches the impact yet', () => {
		const { nodeIds, linkIds } = pathsUp(nodes, links, 'X');
		expect([...nodeIds]).toEqual(['X']);
		expect(linkIds.size).toBe(0);
		const partial = pathsUp(nodes, links.slice(0, 2), 'A');
		expect([...partial.linkIds].sort()).toEqual(['AS', 'AX']);
	});
});

describe('indicator progress and status', () => {
	const up: IndicatorPlan = { direction: 'up', baselineValue: 20, baselineDate: '2026-01-01', targetValue: 60, targetDate: '2027-01-01' };
	const down: IndicatorPlan = { direction: 'down', baselineValue: 80, baselineDate: '2026-01-01', targetValue: 60, targetDate: '2027-01-01' };
	// 2026-07-02 is 182 of 365 days in: just under half way.
	const half = '2026-07-02';

	it('measures progress from baseline to target in either direction', () => {
		expect(progressOf(up, 40)).toBeCloseTo(0.5);
		expect(progressOf(down, 70)).toBeCloseTo(0.5);
		expect(progressOf(down, 85)).toBeCloseTo(-0.25);
		expect(expectedProgress(up, half)).toBeCloseTo(182 / 365);
		expect(expectedProgress(up, '2025-06-01')).toBe(0);
		expect(expectedProgress(up, '2028-01-01')).toBe(1);
	});

	it('is on track at or ahead of the straight line, off track behind it', () => {
		expect(indicatorProgress(up, [{ date: half, value: 40 }]).status).toBe('on_track');
		expect(indicatorProgress(up, [{ date: half, value: 39 }]).status).toBe('off_track');
		// Exactly on the line counts as on track.
		expect(indicatorProgress(up, [{ date: '2026-01-01', value: 20 }]).status).toBe('on_track');
	});

	it('with lower is better, a fall is progress and a rise is off track', () => {
		expect(indicatorProgress(down, [{ date: half, value: 70 }]).status).toBe('on_track');
		expect(indicatorProgress(down, [{ date: half, value: 75 }]).status).toBe('off_track');
		expect(indicatorProgress(down, [{ date: '2026-03-01', value: 85 }]).status).toBe('off_track');
		expect(indicatorProgress(down, [{ date: half, value: 60 }]).status).toBe('achieved');
		expect(indicatorProgress(down, [{ date: half, value: 55 }]).status).toBe('achieved');
	});

	it('judges by the latest reading, and says so when there is none', () => {
		const result = indicatorProgress(up, [
			{ date: '2026-10-01', value: 30 },
			{ date: '2026-04-01', value: 50 }
		]);
		expect(result.latest).toEqual({ date: '2026-10-01', value: 30 });
		expect(result.status).toBe('off_track');
		expect(indicatorProgress(up, [])).toEqual({ status: 'no_data', progress: null, expected: null, latest: null });
		// Past the target date and short of it: off track.
		expect(indicatorProgress(up, [{ date: '2027-02-01', value: 59 }]).status).toBe('off_track');
	});

	it('refuses a plan whose target is on the wrong side of the baseline or dated before it', () => {
		expect(planErrors(up)).toEqual({});
		expect(planErrors({ ...down, targetValue: 90 })).toEqual({ targetValue: 'Lower is better, so the target must be below the baseline.' });
		expect(planErrors({ ...up, targetValue: 20 }).targetValue).toMatch(/above the baseline/);
		expect(planErrors({ ...up, targetDate: '2026-01-01' }).targetDate).toMatch(/after the baseline date/);
	});
});

describe('layered layout', () => {
	const template = {
		nodes: TEMPLATE_NODES.map((n) => ({ id: n.key, kind: n.kind, title: n.title })),
		links: TEMPLATE_LINKS.map((l, i) => ({ id: `l${i}`, from: l.from, to: l.to }))
	};

	it('draws kinds as bands from the impact at the top to the inputs at the bottom', () => {
		const layout = layoutToc(template);
		expect(layout.bands.map((b) => b.label)).toEqual([
			'Impact',
			'Long-term outcomes',
			'Intermediate outcomes',
			'Short-term outcomes',
			'Outputs',
			'Activities',
			'Inputs'
		]);
		const box = new Map(layout.nodes.map((n) => [n.id, n]));
		for (const band of layout.bands) {
			for (const n of layout.nodes.filter((n) => n.kind === band.kind)) {
				expect(n.y).toBeGreaterThanOrEqual(band.y);
				expect(n.y + n.height).toBeLessThanOrEqual(band.y + band.height);
			}
		}
		expect(box.get('impact')!.y).toBeLessThan(box.get('fewer-repeats')!.y);
		expect(box.get('mapping')!.y).toBeLessThan(box.get('consultancy')!.y);
	});

	it('lays the programme template out with no overlapping steps, inside the picture', () => {
		const layout = layoutToc(template);
		expect(overlappingBoxes(layout)).toEqual([]);
		for (const n of layout.nodes) {
			expect(n.x).toBeGreaterThanOrEqual(0);
			expect(n.x + n.width).toBeLessThanOrEqual(layout.width);
		}
		// Four is the fewest any order of the bands allows for the template (found by trying all 20,736 orders).
		expect(layout.crossings).toBe(4);
	});

	it('places a new, unlinked step inside the picture: in a free gap of its band, or at its left end', () => {
		const before = layoutToc(template);
		// The impact band has room beside the impact: the new step goes there and the picture keeps its width.
		const roomy = layoutToc({ ...template, nodes: [...template.nodes, { id: 'new', kind: 'impact', title: 'A new step' }] });
		expect(roomy.width).toBe(before.width);
		// The activities' band is full: the step goes to its left end and the picture grows to hold it.
		const full = layoutToc({ ...template, nodes: [...template.nodes, { id: 'new', kind: 'activity', title: 'A new step' }] });
		for (const layout of [roomy, full]) {
			expect(overlappingBoxes(layout)).toEqual([]);
			const added = layout.nodes.find((n) => n.id === 'new')!;
			expect(added.x).toBeGreaterThanOrEqual(0);
			expect(added.x + added.width).toBeLessThanOrEqual(layout.width);
		}
		const activities = full.nodes.filter((n) => n.kind === 'activity');
		expect(full.nodes.find((n) => n.id === 'new')!.x).toBe(Math.min(...activities.map((n) => n.x)));
	});

	it('numbers every link on its own line, clear of every step and of each other', () => {
		const layout = layoutToc(template);
		const badges = tocLinkBadges(layout, template.links.map((l) => l.id));
		expect(badges.map((b) => b.number)).toEqual(template.links.map((_, i) => i + 1));
		const boxOf = (b: (typeof badges)[number]) => ({ x0: b.x - b.width / 2, y0: b.y - b.height / 2, x1: b.x + b.width / 2, y1: b.y + b.height / 2 });
		const apart = (a: { x0: number; y0: number; x1: number; y1: number }, b: typeof a) => Math.min(a.x1, b.x1) <= Math.max(a.x0, b.x0) || Math.min(a.y1, b.y1) <= Math.max(a.y0, b.y0);
		for (const b of badges) for (const n of layout.nodes) expect(apart(boxOf(b), { x0: n.x, y0: n.y, x1: n.x + n.width, y1: n.y + n.height })).toBe(true);
		const overlapping = badges.flatMap((a, i) => badges.slice(i + 1).filter((b) => !apart(boxOf(a), boxOf(b))).map((b) => [a.number, b.number]));
		expect(overlapping).toEqual([]);
	});

	it('untangles a crossing that the input order would draw', () => {
		const layout = layoutToc({
			nodes: [
				{ id: 'o1', kind: 'output', title: 'Output one' },
				{ id: 'o2', kind: 'output', title: 'Output two' },
				{ id: 'a1', kind: 'activity', title: 'Activity one' },
				{ id: 'a2', kind: 'activity', title: 'Activity two' }
			],
			links: [
				{ id: 'x', from: 'a1', to: 'o2' },
				{ id: 'y', from: 'a2', to: 'o1' }
			]
		});
		expect(layout.crossings).toBe(0);
		const at = new Map(layout.nodes.map((n) => [n.id, n.x]));
		expect(Math.sign(at.get('a1')! - at.get('a2')!)).toBe(Math.sign(at.get('o2')! - at.get('o1')!));
	});

	it('routes a link that skips bands straight through each band between, from the top of one box to the bottom of the other', () => {
		const layout = layoutToc({
			nodes: [
				{ id: 'i', kind: 'impact', title: 'Impact' },
				{ id: 'a', kind: 'activity', title: 'Activity' }
			],
			links: [{ id: 'l', from: 'a', to: 'i' }]
		});
		const edge = layout.edges[0];
		// Two points (entering and leaving) in each of the four bands between, plus the two ends.
		expect(edge.points).toHaveLength(10);
		for (let k = 1; k < 9; k += 2) expect(edge.points[k].x).toBe(edge.points[k + 1].x);
		const [a, i] = [layout.nodes.find((n) => n.id === 'a')!, layout.nodes.find((n) => n.id === 'i')!];
		expect(edge.points[0].y).toBe(a.y);
		expect(edge.points[9].y).toBe(i.y + i.height);
		expect(edge.d.startsWith(`M${edge.points[0].x},${edge.points[0].y}`)).toBe(true);
	});

	it('wraps long titles into lines that fit the box and makes room for flags', () => {
		expect(titleLines('Whole-journey, person-centred support for children and adults', 24, 4)).toEqual([
			'Whole-journey,',
			'person-centred support',
			'for children and adults'
		]);
		const lines = titleLines('one two three four five six seven eight nine ten eleven twelve', 10, 3);
		expect(lines).toHaveLength(3);
		expect(lines[2].endsWith('…')).toBe(true);
		for (const l of lines) expect(l.length).toBeLessThanOrEqual(10);
		const plain = layoutToc({ nodes: [{ id: 'a', kind: 'activity', title: 'Act' }], links: [] });
		const flagged = layoutToc({ nodes: [{ id: 'a', kind: 'activity', title: 'Act', flags: ['No action yet'] }], links: [] });
		expect(flagged.nodes[0].height).toBeGreaterThan(plain.nodes[0].height);
		expect(flagged.nodes[0].flags[0].y).toBeLessThan(flagged.nodes[0].y + flagged.nodes[0].height);
	});

	it('draws the same layout as an SVG string for documents, with every step and text escaped', () => {
		const layout = layoutToc({
			nodes: [
				{ id: 'a', kind: 'activity', title: 'Police & <council> workshops', flags: ['No action yet'] },
				{ id: 'o', kind: 'short_term_outcome', title: 'Shared view' }
			],
			links: [{ id: 'l', from: 'a', to: 'o' }]
		});
		const svg = tocSvg(layout);
		expect(svg).toContain('Police &amp; &lt;council&gt;');
		expect(svg).not.toContain('<council>');
		expect(svg).toContain('! No action yet');
		expect(svg).toContain(`d="${layout.edges[0].d}"`);
		expect(svg.match(/<text/g)?.length).toBe(layout.bands.length + layout.nodes.reduce((n, box) => n + box.lines.length + box.flags.length, 0));
	});

	it('keeps order and separation when pulling positions toward their targets', () => {
		expect(placeInOrder([0, 0, 0], [0, 10, 10])).toEqual([-10, 0, 10]);
		expect(placeInOrder([0, 50], [0, 10])).toEqual([0, 50]);
	});

	it('lays out a 60-step, 120-link theory of change deterministically, without overlaps', () => {
		const input = syntheticToc(60, 120);
		expect(input.links).toHaveLength(120);
		const first = layoutToc(input);
		expect(overlappingBoxes(first)).toEqual([]);
		expect(layoutToc(input)).toEqual(first);
	});
});

describe('quarters and the repeat-share chart', () => {
	it('names quarters and counts back across years', () => {
		expect(quarterOf('2026-11-26')).toBe('2026-Q4');
		expect(quarterOf('2026-01-01')).toBe('2026-Q1');
		expect(recentQuarters('2026-02-10', 3)).toEqual(['2026-Q1', '2025-Q4', '2025-Q3']);
		expect(quarterLabel('2026-Q3')).toBe('Jul to Sep 2026');
		expect(within72hShare(0, 0)).toBeNull();
		expect(within72hShare(200, 150)).toBe(0.75);
	});

	it('draws each series from its first to its last figure, named at its end, with the national lines where they belong', () => {
		const chart = seriesChart(
			['2026-Q1', '2026-Q2', '2026-Q3'],
			[
				{ key: 'children', label: 'Children', values: [80, 70, 60] },
				{ key: 'adults', label: 'Adults', values: [50, null, 40] }
			],
			[{ key: 'children', label: 'National, children: 75%', value: 75 }],
			{ format: (n) => `${n}%` }
		);
		const [children, adults] = chart.series;
		expect(children.points).toHaveLength(3);
		expect(children.points[0].y).toBeLessThan(children.points[2].y);
		expect(children.end?.text).toBe('Children 60%');
		// A missing quarter breaks the line rather than joining across it.
		expect(adults.d.match(/M/g)).toHaveLength(2);
		const reference = chart.references[0];
		expect(reference.y).toBeLessThan(children.points[1].y);
		expect(reference.y).toBeGreaterThan(children.points[0].y);
		// Names and reference labels sit in the right margin, beyond every point, a line apart.
		const right = [...chart.series.map((s) => s.end!.y), reference.labelY].sort((a, b) => a - b);
		for (let i = 1; i < right.length; i++) expect(right[i] - right[i - 1]).toBeGreaterThanOrEqual(16);
		expect(children.end!.x).toBeGreaterThan(Math.max(...chart.series.flatMap((s) => s.points.map((p) => p.x))));
		expect(children.end!.x + 'National, children: 75%'.length * 14 * 0.6).toBeLessThanOrEqual(chart.width + 1);
	});
});

describe('outcomes no action works toward', () => {
	const nodes = [
		{ id: 'act1', kind: 'activity' as const },
		{ id: 'act2', kind: 'activity' as const },
		{ id: 'short', kind: 'short_term_outcome' as const },
		{ id: 'mid', kind: 'intermediate_outcome' as const },
		{ id: 'lonely', kind: 'long_term_outcome' as const },
		{ id: 'impact', kind: 'impact' as const }
	];
	const links = [
		{ from: 'act1', to: 'short' },
		{ from: 'short', to: 'mid' },
		{ from: 'act2', to: 'lonely' },
		{ from: 'mid', to: 'impact' },
		{ from: 'lonely', to: 'impact' }
	];

	it('counts an outcome as worked toward when an actioned step leads to it, however far up', () => {
		expect(outcomesWithoutAction(nodes, links, new Set(['act1'])).map((n) => n.id)).toEqual(['lonely']);
	});

	it('lists every outcome when nothing is actioned, never the activities or the impact', () => {
		expect(outcomesWithoutAction(nodes, links, new Set()).map((n) => n.id)).toEqual(['short', 'mid', 'lonely']);
	});

	it('counts an action linked to the outcome itself', () => {
		expect(outcomesWithoutAction(nodes, links, new Set(['lonely', 'act1']))).toEqual([]);
	});
});
