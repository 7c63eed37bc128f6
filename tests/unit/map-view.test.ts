import { describe, expect, it } from 'vitest';
import { mapViewQuery, parseMapView, saveViewSchema } from '$lib/validators/map-view';
import { actorColours, actorSizes, applyView, colourLegend, journeyFrom, mainStage, modelHighlight, neighbourhood, searchMap, worstRating } from '$lib/domain/map/view';
import { fillOf } from '$lib/diagrams/styles';
import type { HandoffData, MapData } from '$lib/domain/map/types';

const h = (id: string, from: string, to: string, extra: Partial<HandoffData> = {}): HandoffData => ({
	id, fromActorId: from, toActorId: to, label: id, stage: 'during', passes: 'information', trigger: '', standard: '',
	audience: 'both', rating: 'working', evidence: '', notes: '', isGap: false, ...extra
});
const actor = (id: string, name: string) => ({ id, name, sector: 'police' as const, kind: 'team' as const, description: '', audience: 'both' as const });

//   a - b - c - d     e (alone)
//        \_/   (b-c twice, one absent)
const map: MapData = {
	actors: [actor('a', 'Police call handler'), actor('b', 'Response officer'), actor('c', 'Duty inspector'), actor('d', 'Social worker'), actor('e', 'GP')],
	handoffs: [
		h('ab', 'a', 'b', { stage: 'during' }),
		h('bc', 'b', 'c', { stage: 'during', rating: 'patchy' }),
		h('cb', 'c', 'b', { stage: 'return', rating: 'absent' }),
		h('cd', 'c', 'd', { stage: 'after', rating: 'broken' })
	]
};

describe('map view parameters', () => {
	it('reads every parameter of a valid view', () => {
		const { view, ignored } = parseMapView(new URLSearchParams('q=police&focus=a_1-B&hops=2&follow=up&model=m1&size=degree&colour=rating'));
		expect(view).toEqual({ q: 'police', focus: 'a_1-B', hops: 2, follow: 'up', model: 'm1', size: 'degree', colour: 'rating' });
		expect(ignored).toEqual([]);
	});

	it('ignores each bad parameter on its own, naming it, and keeps the good ones', () => {
		const { view, ignored } = parseMapView(new URLSearchParams('q=gp&hops=7&follow=sideways&size=height&colour=&focus=<script>&model=' + 'x'.repeat(65)));
		expect(view).toEqual({ q: 'gp', focus: null, hops: 1, follow: null, model: null, size: null, colour: null });
		expect(ignored.map((i) => i.name).sort()).toEqual(['colour', 'focus', 'follow', 'hops', 'model', 'size']);
	});

	it('treats an empty search as no search, and writes a view back in a fixed order without defaults', () => {
		expect(parseMapView(new URLSearchParams('q=+')).ignored).toEqual([]);
		const { view } = parseMapView(new URLSearchParams('colour=stage&hops=1&focus=b&q=duty'));
		expect(mapViewQuery(view).toString()).toBe('q=duty&focus=b&colour=stage');
		// Following the journey replaces the neighbours; without a focus there is nothing to follow.
		expect(mapViewQuery(parseMapView(new URLSearchParams('focus=b&hops=2&follow=down')).view).toString()).toBe('focus=b&follow=down');
		expect(parseMapView(new URLSearchParams('follow=down')).view.follow).toBeNull();
	});
});

describe('neighbourhood and search', () => {
	it('one hop: the actor, the actors it hands to or from, and the handoffs among them', () => {
		const one = neighbourhood(map, 'b', 1);
		expect(one.actors.map((a) => a.id)).toEqual(['a', 'b', 'c']);
		expect(one.handoffs.map((x) => x.id)).toEqual(['ab', 'bc', 'cb']);
	});

	it('two hops reach one further; an unknown actor shows nothing', () => {
		expect(neighbourhood(map, 'a', 2).actors.map((a) => a.id)).toEqual(['a', 'b', 'c']);
		expect(neighbourhood(map, 'a', 1).actors.map((a) => a.id)).toEqual(['a', 'b']);
		expect(neighbourhood(map, 'e', 2)).toEqual({ actors: [map.actors[4]], handoffs: [] });
		expect(neighbourhood(map, 'zz', 1)).toEqual({ actors: [], handoffs: [] });
	});

	it('searches names in any case and keeps the handoffs between the actors found', () => {
		const found = searchMap(map, 'OFFICER');
		expect(found.actors.map((a) => a.id)).toEqual(['b']);
		expect(applyView(map, { q: 'e', focus: 'd', hops: 1, follow: null }).actors.map((a) => a.id)).toEqual(['c', 'd']);
	});

	it('follows the journey from an actor by stage, never back in time', () => {
		// Downstream from b: b-c during, then c-b on return (absent, still a handoff), c-d after.
		const onward = journeyFrom(map, 'b', 'down');
		expect(onward.handoffs.map((x) => x.id)).toEqual(['bc', 'cb', 'cd']);
		expect(onward.actors.map((a) => a.id)).toEqual(['b', 'c', 'd']);
		// Upstream to c: b-c during and a-b during; c-b (return) leads away from c, not to it.
		const leading = journeyFrom(map, 'c', 'up');
		expect(leading.handoffs.map((x) => x.id)).toEqual(['ab', 'bc']);
		// A handoff at an earlier stage than the one the journey arrived at is not followed.
		const late: MapData = { actors: map.actors, handoffs: [h('ab', 'a', 'b', { stage: 'after' }), h('bc', 'b', 'c', { stage: 'before' })] };
		expect(journeyFrom(late, 'a', 'down').handoffs.map((x) => x.id)).toEqual(['ab']);
		expect(journeyFrom(map, 'zz', 'down')).toEqual({ actors: [], handoffs: [] });
	});
});

describe('decorations', () => {
	it('sizes by handoffs: the busiest at full size, the actor with none at the smallest', () => {
		const sizes = actorSizes(map, 'degree');
		expect(sizes.b).toEqual({ scale: 1, text: '3 handoffs' });
		expect(sizes.e.scale).toBe(0.6);
		expect(sizes.a.scale).toBeGreaterThan(0.6);
		expect(sizes.a.scale).toBeLessThan(1);
	});

	it('sizes by betweenness, counting only handoffs that exist', () => {
		const sizes = actorSizes(map, 'betweenness');
		// b and c both sit on the a-d route; the absent c-b adds nothing.
		expect(sizes.b.scale).toBe(1);
		expect(sizes.c.scale).toBe(1);
		expect(sizes.a).toEqual({ scale: 0.6, text: 'betweenness 0.00' });
	});

	it('colours by the worst rating of an actor’s handoffs, and by its main stage, in words too', () => {
		expect(worstRating(map, 'a')).toBe('working');
		expect(worstRating(map, 'b')).toBe('absent');
		expect(worstRating(map, 'd')).toBe('broken');
		expect(worstRating(map, 'e')).toBeNull();
		const colours = actorColours(map, 'rating');
		expect(colours.b).toEqual({ key: 'rating:absent', text: 'worst handoff absent' });
		expect(colours.e).toEqual({ key: 'none', text: 'no handoffs' });
		expect(mainStage(map, 'c')).toBe('during'); // during, return and after once each: the earliest
		expect(actorColours(map, 'stage').d.text).toBe('mostly after');
		expect(actorColours(map, 'sector').a).toEqual({ key: 'sector:police', text: 'Police' });
		// Every legend entry has words and a colour of its own.
		const legend = colourLegend('rating');
		expect(new Set(legend.map((l) => fillOf(l.key))).size).toBe(legend.length);
		expect(new Set(colourLegend('stage').map((l) => fillOf(l.key))).size).toBe(6);
	});

	it('highlights a model’s actors and handoffs, with the ends of its handoffs', () => {
		const links = { byActor: { e: [{ id: 'm1' }], a: [{ id: 'm2' }] }, byHandoff: { cd: [{ id: 'm1' }, { id: 'm2' }] } };
		expect(modelHighlight(map, links, 'm1')).toEqual({ actors: ['c', 'd', 'e'], handoffs: ['cd'] });
		expect(modelHighlight(map, links, 'none')).toEqual({ actors: [], handoffs: [] });
	});
});

describe('saving a view', () => {
	it('refuses a name with control characters with a message for the field, as every text field does', () => {
		const result = saveViewSchema.safeParse({ name: 'Workshop\u0000 view', page: 'network', query: '' });
		expect(result.success).toBe(false);
		expect(result.error?.issues[0].path).toEqual(['name']);
		expect(result.error?.issues[0].message).toBe('Remove the control characters from this text.');
		expect(saveViewSchema.safeParse({ name: 'Workshop view', page: 'network', query: '' }).success).toBe(true);
	});
});
