import { describe, expect, it } from 'vitest';
import { actorMeasures, adultGapStages, betweenness, bottlenecks, gaps, pathways, policeOnlyStages, stageSectorCounts } from '$lib/domain/map/analysis';
import { applyFilter, filterFromQuery, filterQuery } from '$lib/domain/map/filter';
import { diffIsEmpty, diffMaps, diffMarks } from '$lib/domain/map/diff';
import { readKumuRows, rowsFromBlueprint, toBlueprint, toKumuRows } from '$lib/domain/map/kumu';
import { escapeCell, unescapeCell } from '$lib/domain/csv';
import { TEMPLATE_ACTORS, TEMPLATE_HANDOFFS } from '$lib/domain/map/template';
import { sortActors, sortHandoffs } from '$lib/domain/map/sort';
import { packActorNames, packHandoffs, unpackActorNames, unpackHandoffs, type HandoffData, type MapData } from '$lib/domain/map/types';

const h = (id: string, from: string, to: string, extra: Partial<HandoffData> = {}): HandoffData => ({
	id, fromActorId: from, toActorId: to, label: id, stage: 'during', passes: 'information', trigger: '', standard: '',
	audience: 'both', rating: 'working', evidence: '', notes: '', isGap: false, ...extra
});

// A hand-checked map: family -> police -> children's services -> return interviews, police -> adult services,
// plus an absent adult follow-up after return.
//   f - p - c - r
//       |
//       a
const map: MapData = {
	actors: [
		{ id: 'f', name: 'Family', sector: 'family_community', kind: 'role', description: '', audience: 'both' },
		{ id: 'p', name: 'Police', sector: 'police', kind: 'organisation', description: '', audience: 'both' },
		{ id: 'c', name: "Children's services", sector: 'childrens_services', kind: 'team', description: '', audience: 'children' },
		{ id: 'r', name: 'Return interviews', sector: 'voluntary', kind: 'organisation', description: '', audience: 'children' },
		{ id: 'a', name: 'Adult services', sector: 'adult_services', kind: 'team', description: '', audience: 'adults' }
	],
	handoffs: [
		h('report', 'f', 'p', { stage: 'during' }),
		h('notify', 'p', 'c', { stage: 'during', audience: 'children', rating: 'patchy' }),
		h('rhi', 'c', 'r', { stage: 'return', audience: 'children', rating: 'broken', isGap: true }),
		h('adult-notify', 'p', 'a', { stage: 'during', audience: 'adults' }),
		h('follow-up', 'a', 'f', { stage: 'after', audience: 'adults', rating: 'absent' })
	]
};

describe('analysis on a hand-checked map', () => {
	it('counts each actor\'s handoffs in and out', () => {
		const m = Object.fromEntries(actorMeasures(map).map((x) => [x.actorId, x]));
		expect(m.p).toMatchObject({ inDegree: 1, outDegree: 2, degree: 3, neighbours: 3 });
		expect(m.r).toMatchObject({ inDegree: 1, outDegree: 0, degree: 1, neighbours: 1 });
		expect(m.f).toMatchObject({ inDegree: 1, outDegree: 1, degree: 2 });
	});

	it('computes Brandes betweenness: on a path a-b-c, b is on the only route', () => {
		const b = betweenness(['a', 'b', 'c'], [['a', 'b'], ['b', 'c']]);
		expect(b.get('b')).toBe(1);
		expect(b.get('a')).toBe(0);
		// A 4-cycle: every node lies on one of the two shortest routes between its neighbours: 0.5 of one pair of 3.
		const cycle = betweenness(['1', '2', '3', '4'], [['1', '2'], ['2', '3'], ['3', '4'], ['4', '1']]);
		expect(cycle.get('1')).toBeCloseTo(0.5 / 3);
	});

	it('finds the bottleneck of the map, counting only handoffs that exist', () => {
		// The absent follow-up a-f does not exist, so the undirected graph is the tree f-p-c-r plus p-a. With n=5 there
		// are 6 pairs of others per node: police sits on every route but c-r (5 pairs): 5/6. Counting the absent
		// handoff would close the cycle f-p-a-f and give police 4/6.
		const m = Object.fromEntries(actorMeasures(map).map((x) => [x.actorId, x.betweenness]));
		expect(m.p).toBeCloseTo(5 / 6);
		expect(m.a).toBe(0);
		expect(m.c).toBeCloseTo(3 / 6); // r to each of f, p, a
		expect(m.r).toBe(0);
		expect(bottlenecks(map)[0].actor.name).toBe('Police');
	});

	it('counts handoffs per stage per sector, once per sector touched', () => {
		const counts = stageSectorCounts(map);
		expect(counts.during.police).toBe(3);
		expect(counts.during.childrens_services).toBe(1);
		expect(counts.return.voluntary).toBe(1);
		expect(counts.after.adult_services).toBe(1);
		expect(counts.before.police).toBe(0);
	});

	it('compares the two pathways, not counting absent handoffs', () => {
		const byStage = Object.fromEntries(pathways(map).map((p) => [p.stage, p]));
		expect(byStage.during).toEqual({ stage: 'during', children: 2, adults: 2 });
		expect(byStage.return).toEqual({ stage: 'return', children: 1, adults: 0 });
		expect(byStage.after).toEqual({ stage: 'after', children: 0, adults: 0 });
		expect(adultGapStages(map)).toEqual(['before', 'return', 'after', 'repeat']);
	});

	it('lists gaps: marked, or absent', () => {
		expect(gaps(map).map((g) => g.id)).toEqual(['rhi', 'follow-up']);
	});

	it('sees a stage held by police alone', () => {
		const policeOnly: MapData = { actors: map.actors, handoffs: [h('x', 'f', 'p', { stage: 'before' }), h('y', 'p', 'c', { stage: 'during' })] };
		expect(policeOnlyStages(policeOnly)).toEqual(['before']);
	});
});

describe('filters', () => {
	it('reads known values from the query and ignores the rest', () => {
		expect(filterFromQuery(new URLSearchParams('stage=during&sector=nope&rating=broken&group=adults'))).toEqual({
			stage: 'during', sector: null, rating: 'broken', group: 'adults'
		});
		expect(filterQuery({ stage: 'after', sector: null, rating: null, group: null })).toBe('?stage=after');
	});

	it('keeps matching handoffs and the actors at their ends', () => {
		const shown = applyFilter(map, { stage: 'during', sector: null, rating: null, group: 'adults' });
		expect(shown.handoffs.map((x) => x.id)).toEqual(['report', 'adult-notify']);
		expect(shown.actors.map((a) => a.id).sort()).toEqual(['a', 'f', 'p']);
		const bySector = applyFilter(map, { stage: null, sector: 'voluntary', rating: null, group: null });
		expect(bySector.handoffs.map((x) => x.id)).toEqual(['rhi']);
		expect(bySector.actors.map((a) => a.id).sort()).toEqual(['c', 'r']);
	});
});

describe('snapshot diff', () => {
	it('finds actors and handoffs added, removed and changed, with the fields that changed', () => {
		const later: MapData = {
			actors: [...map.actors.filter((a) => a.id !== 'r'), { id: 'g', name: 'GP', sector: 'health', kind: 'role', description: '', audience: 'both' }],
			handoffs: map.handoffs.filter((x) => x.id !== 'rhi').map((x) => (x.id === 'notify' ? { ...x, rating: 'working' as const, notes: 'Fixed' } : x))
		};
		const diff = diffMaps(map, later);
		expect(diff.actors.added.map((a) => a.id)).toEqual(['g']);
		expect(diff.actors.removed.map((a) => a.id)).toEqual(['r']);
		expect(diff.handoffs.removed.map((x) => x.id)).toEqual(['rhi']);
		expect(diff.handoffs.changed).toHaveLength(1);
		expect(diff.handoffs.changed[0].fields).toEqual(['rating', 'notes']);
		expect(Object.fromEntries(diffMarks(diff))).toEqual({ g: 'added', notify: 'changed' });
		expect(diffIsEmpty(diffMaps(map, map))).toBe(true);
	});
});

describe('CSV cells', () => {
	it('defuses formulas and reads them back unchanged', () => {
		for (const value of ['=SUM(A1)', '+1', '-2', '@cmd', '\tx', '\rx']) {
			expect(escapeCell(value)).toBe(`'${value}`);
			expect(unescapeCell(escapeCell(value))).toBe(value);
		}
		expect(escapeCell('Police')).toBe('Police');
		expect(unescapeCell("'quoted")).toBe("'quoted");
	});
});

describe('Kumu rows', () => {
	it('round-trips every field through rows and through the blueprint', () => {
		const rows = toKumuRows(map);
		const read = readKumuRows(rows);
		expect(read.ok).toBe(true);
		if (!read.ok) return;
		expect(read.actors).toEqual(
			[...map.actors].sort((a, b) => a.name.localeCompare(b.name)).map(({ id: _, ...a }) => a)
		);
		const names = new Map(map.actors.map((a) => [a.id, a.name]));
		expect(read.handoffs).toEqual(map.handoffs.map(({ id: _, fromActorId, toActorId, ...x }) => ({ from: names.get(fromActorId), to: names.get(toActorId), ...x })));
		const again = rowsFromBlueprint(JSON.parse(JSON.stringify(toBlueprint(map))));
		expect('error' in again).toBe(false);
		expect(readKumuRows(again as ReturnType<typeof toKumuRows>)).toEqual(read);
	});

	it('reads a plain Kumu sheet by labels, with defaults for Homeward\'s columns', () => {
		const read = readKumuRows({
			elements: [{ Label: 'Police', Type: 'police' }, { Label: 'School', Type: 'Education', Description: 'A school' }],
			connections: [{ From: 'School', To: 'Police', Type: 'Patchy', Tags: 'During|Gap', Direction: 'directed' }]
		});
		expect(read).toEqual({
			ok: true,
			actors: [
				{ name: 'Police', sector: 'police', kind: 'organisation', audience: 'both', description: '' },
				{ name: 'School', sector: 'education', kind: 'organisation', audience: 'both', description: 'A school' }
			],
			handoffs: [
				{ from: 'School', to: 'Police', label: 'Information', stage: 'during', passes: 'information', trigger: '', standard: '', audience: 'both', rating: 'patchy', evidence: '', notes: '', isGap: true }
			],
			skipped: []
		});
	});

	it('names every bad row and what is wrong with it', () => {
		const read = readKumuRows({
			elements: [{ Label: 'Police', Sector: 'police' }, { Label: '', Sector: 'police' }, { Label: 'Police', Sector: 'spies' }],
			connections: [
				{ From: 'Police', To: 'Nobody', Stage: 'during' },
				{ From: 'Police', To: 'Police', Stage: 'whenever', Rating: 'great' }
			]
		});
		expect(read.ok).toBe(false);
		if (read.ok) return;
		expect(read.errors).toEqual([
			'Elements row 3: the Label is empty.',
			'Elements row 4: "Police" appears more than once; the sector "spies" is not one Homeward knows (police, childrens_services, adult_services, health, mental_health, education, housing, care_provider, multi_agency, voluntary, family_community, person, other).',
			'Connections row 2: To names "Nobody", which is not an element.',
			'Connections row 3: From and To are the same element; the stage "whenever" is not one of before, during, return, after, repeat; the rating "great" is not one of working, patchy, broken, absent.'
		]);
	});
});

describe('template', () => {
	it('names only its own actors in its handoffs, and holds adults\' gap after return', () => {
		const names = new Set(TEMPLATE_ACTORS.map((a) => a.name));
		expect(names.size).toBe(TEMPLATE_ACTORS.length);
		for (const x of TEMPLATE_HANDOFFS) {
			expect(names.has(x.from), x.from).toBe(true);
			expect(names.has(x.to), x.to).toBe(true);
		}
		expect(TEMPLATE_ACTORS.length).toBeGreaterThanOrEqual(20);
		expect(TEMPLATE_HANDOFFS.length).toBeGreaterThanOrEqual(30);
	});
});

describe('sorting the table', () => {
	it('sorts actors by connections and handoffs by rating, either way', () => {
		const measures = actorMeasures(map);
		expect(sortActors(map.actors, measures, { key: 'connections', descending: true })[0].id).toBe('p');
		expect(sortHandoffs(map.handoffs, map.actors, { key: 'rating', descending: true })[0].id).toBe('follow-up');
		expect(sortHandoffs(map.handoffs, map.actors, { key: 'from', descending: false })[0].fromActorId).toBe('a');
	});
});

describe('handoffs packed for a large map page', () => {
	const actors = [{ id: 'police' }, { id: 'family' }, { id: 'school' }];
	const drawn = [
		{ id: 'h1', fromActorId: 'family', toActorId: 'police', label: 'Reports missing', stage: 'during' as const, rating: 'working' as const },
		{ id: 'h2', fromActorId: 'police', toActorId: 'school', label: 'Tells the school', stage: 'after' as const, rating: 'absent' as const }
	];

	it('names each end by its place in the list of actors', () => {
		expect(packHandoffs(actors, drawn)).toEqual([
			['h1', 1, 0, 'Reports missing', 'during', 'working'],
			['h2', 0, 2, 'Tells the school', 'after', 'absent']
		]);
	});

	it('unpacks to the same handoffs', () => {
		expect(unpackHandoffs(actors, packHandoffs(actors, drawn))).toEqual(drawn);
	});
});

describe('actor names packed for a page', () => {
	const actors = [
		{ id: 'a1', name: 'Police' },
		{ id: 'a2', name: 'Return interviews' }
	];

	it('keeps ids and names in the same order, as two columns', () => {
		expect(packActorNames(actors)).toEqual({ ids: ['a1', 'a2'], names: ['Police', 'Return interviews'] });
	});

	it('unpacks to the same list', () => {
		expect(unpackActorNames(packActorNames(actors))).toEqual(actors);
	});
});
