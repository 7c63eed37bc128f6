import { fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { followTopics } from '$lib/server/realtime';
import { failureFrom, parseForm } from '$lib/server/forms';
import {
	applyTemplate,
	createActor,
	createHandoff,
	deleteActor,
	deleteHandoff,
	getSnapshot,
	loadMap,
	mapDataOf,
	type MapRows,
	pinActor,
	unpinActor,
	updateActor,
	updateHandoff
} from '$lib/server/map';
import { actorDecorOf, analysisViewOf, networkLayoutOf, type Pins } from '$lib/server/map/layout';
import { scriptsRunIn } from '$lib/components/live/scripts-cookie';
import { mapOfRequest } from '$lib/server/map/request';
import { historyActions } from '$lib/server/map/history-actions';
import { modelHighlight, readMapQuery, sectorsOf, shownIdsOf } from '$lib/domain/map/view';
import { serverDrawing } from '$lib/server/map/drawing';
import { areaRoleAtLeast } from '$lib/domain/roles';
import type { ActorData, MapData } from '$lib/domain/map/types';
import { firstOf, SUMMARY_LIMIT } from '$lib/domain/lists';
import {
	createActorAtSchema,
	createHandoffSchema,
	deleteSchema,
	moveActorSchema,
	MOVE_STEP,
	unpinActorSchema,
	updateActorSchema,
	updateHandoffSchema
} from '$lib/validators/map';
import { diffMaps, diffMarks } from '$lib/domain/map/diff';
import { modelLinksForMap, type ModelLinksForMap } from '$lib/server/models';

export async function load(event) {
	const context = await requireArea(event);
	followTopics(event, context.area.id, 'map');
	const read = await mapOfRequest(event, context);
	const { rows, map, pins } = read;
	const { view, shown } = readMapQuery(map, event.url.searchParams);
	const selectedId = event.url.searchParams.get('actor');
	const selected = (selectedId && map.actors.find((a) => a.id === selectedId)) || null;
	const compareId = event.url.searchParams.get('compare');
	const [snapshot, modelLinks] = await Promise.all([
		compareId ? getSnapshot(context, compareId) : null,
		selected || view.model ? modelLinksForMap(context) : null
	]);
	const scriptsRun = scriptsRunIn(event.cookies);
	const shownIds = shownIdsOf(map, shown);
	const compare = snapshot
		? { id: snapshot.id, name: snapshot.name, marks: Object.fromEntries(diffMarks(diffMaps(snapshot.data, map))) }
		: null;
	const decor = {
		...actorDecorOf(map, view),
		colourBy: view.colour ?? 'sector',
		sizeBy: view.size,
		highlight: view.model && modelLinks ? modelHighlight(map, modelLinks, view.model) : null
	};
	// The picture itself comes from network.json (see +page.ts). A page for a browser that has not run the scripts has
	// it drawn in as well, made once per map version and view (see drawing.ts).
	if (!scriptsRun && !event.isDataRequest && map.actors.length > 0) {
		event.locals.drawing = serverDrawing(read, {
			url: event.url,
			areaName: context.area.name,
			canEdit: areaRoleAtLeast(context.role, 'editor'),
			shown: shownIds,
			selectedId: selected?.id ?? null,
			marks: compare?.marks ?? {},
			decor
		});
	}
	// The browser gets what the form and panels use: the selected actor's handoffs in full for its panel, and the
	// analysis with names already filled in; a filter or a search here says which of the drawing's actors and handoffs
	// are shown.
	const analysis = analysisViewOf(map);
	return {
		scriptsRun,
		shown: shownIds,
		sectors: sectorsOf(shown.actors),
		selected: selected ? selectedActorOf(selected, map, rows, pins, modelLinks!) : null,
		compare,
		analysis: { ...analysis, gaps: firstOf(analysis.gaps, SUMMARY_LIMIT, event.url.searchParams.get('all') === 'gaps') },
		decor
	};
}

/** The selected actor's panel: its details, its handoffs with their versions for editing, and linked models. */
function selectedActorOf(actor: ActorData, map: MapData, rows: MapRows, pins: Pins, modelLinks: ModelLinksForMap) {
	const handoffs = map.handoffs.filter((h) => h.fromActorId === actor.id || h.toActorId === actor.id);
	const own = new Set(handoffs.map((h) => h.id));
	return {
		actor,
		handoffs,
		pinned: pins.some((p) => p.actorId === actor.id),
		versions: {
			actors: { [actor.id]: rows.actors.find((a) => a.id === actor.id)!.version },
			handoffs: Object.fromEntries(rows.handoffs.filter((h) => own.has(h.id)).map((h) => [h.id, h.version]))
		},
		modelLinks: {
			byActor: { [actor.id]: modelLinks.byActor[actor.id] ?? [] },
			byHandoff: Object.fromEntries(Object.entries(modelLinks.byHandoff).filter(([id]) => own.has(id)))
		}
	};
}

/** Every change needs an editor: viewers get the same 404 as a stranger. */
const editor = (event: Parameters<typeof requireArea>[0]) => requireArea(event, 'editor');

export const actions = {
	...historyActions,
	addActor: async (event) => {
		const context = await editor(event);
		const form = await parseForm(event.request, createActorAtSchema);
		if (!form.ok) return form.failure;
		try {
			const { x, y, ...input } = form.data;
			const actor = await createActor(context, input, x !== undefined && y !== undefined ? { x, y } : undefined);
			return { message: `${actor.name} added to the map.`, actorId: actor.id };
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	},
	editActor: async (event) => {
		const context = await editor(event);
		const form = await parseForm(event.request, updateActorSchema);
		if (!form.ok) return form.failure;
		try {
			const actor = await updateActor(context, form.data);
			return { message: `${actor.name} saved.` };
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	},
	deleteActor: async (event) => {
		const context = await editor(event);
		const form = await parseForm(event.request, deleteSchema);
		if (!form.ok) return form.failure;
		try {
			const { actor, handoffsRemoved } = await deleteActor(context, form.data);
			return { message: `${actor.name} removed, with ${handoffsRemoved} ${handoffsRemoved === 1 ? 'handoff' : 'handoffs'}.` };
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	},
	addHandoff: async (event) => {
		const context = await editor(event);
		const form = await parseForm(event.request, createHandoffSchema);
		if (!form.ok) return form.failure;
		try {
			const handoff = await createHandoff(context, form.data);
			return { message: `Handoff "${handoff.label}" added.` };
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	},
	editHandoff: async (event) => {
		const context = await editor(event);
		const form = await parseForm(event.request, updateHandoffSchema);
		if (!form.ok) return form.failure;
		try {
			const handoff = await updateHandoff(context, form.data);
			return { message: `Handoff "${handoff.label}" saved.` };
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	},
	deleteHandoff: async (event) => {
		const context = await editor(event);
		const form = await parseForm(event.request, deleteSchema);
		if (!form.ok) return form.failure;
		try {
			const handoff = await deleteHandoff(context, form.data);
			return { message: `Handoff "${handoff.label}" removed.` };
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	},
	move: async (event) => {
		const context = await editor(event);
		const form = await parseForm(event.request, moveActorSchema);
		if (!form.ok) return form.failure;
		try {
			let { x, y } = form.data;
			if (form.data.direction) {
				// Moving by a step starts from where the actor is drawn now.
				const rows = await loadMap(context);
				const layout = networkLayoutOf(mapDataOf(rows), rows.positions);
				const node = layout.nodes.find((n) => n.id === form.data.actorId);
				if (!node) return fail(404, { errors: { _form: 'That actor is not on the map.' }, values: form.values });
				const step = { up: [0, -1], down: [0, 1], left: [-1, 0], right: [1, 0] }[form.data.direction];
				x = Math.min(layout.width - 40, Math.max(40, node.x + step[0] * MOVE_STEP));
				y = Math.min(layout.height - 40, Math.max(40, node.y + step[1] * MOVE_STEP));
			}
			await pinActor(context, form.data.actorId, { x: x!, y: y! });
			return { moved: form.data.actorId };
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	},
	unpin: async (event) => {
		const context = await editor(event);
		const form = await parseForm(event.request, unpinActorSchema);
		if (!form.ok) return form.failure;
		try {
			await unpinActor(context, form.data.actorId);
			return { message: 'The layout places this actor again.' };
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	},
	template: async (event) => {
		const context = await editor(event);
		try {
			await applyTemplate(context);
		} catch (err) {
			return failureFrom(event, err, {});
		}
		redirect(303, `/app/areas/${context.area.slug}/map?started=template`);
	}
};
