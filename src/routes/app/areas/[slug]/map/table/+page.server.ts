import { fail, type RequestEvent } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { failureFrom, parseForm } from '$lib/server/forms';
import { createActor, createActors, updateActor, updateHandoff } from '$lib/server/map';
import { createActorSchema, updateActorSchema, updateHandoffSchema } from '$lib/validators/map';
import { pasteSchema } from '$lib/validators/map';
import { readActorPaste } from '$lib/validators/map-paste';
import { followTopics } from '$lib/server/realtime';
import { mapOfRequest } from '$lib/server/map/request';
import { historyActions } from '$lib/server/map/history-actions';
import { readMapQuery } from '$lib/domain/map/view';
import { actorMeasures } from '$lib/domain/map/analysis';
import { sortActors, sortHandoffs, ACTOR_SORTS, HANDOFF_SORTS } from '$lib/domain/map/sort';

export async function load(event) {
	const context = await requireArea(event);
	followTopics(event, context.area.id, 'map');
	const { map, rows } = await mapOfRequest(event, context);
	const { shown } = readMapQuery(map, event.url.searchParams);
	const params = event.url.searchParams;
	const pick = <T extends string>(values: readonly T[], raw: string | null, fallback: T) =>
		(values as readonly string[]).includes(raw ?? '') ? (raw as T) : fallback;
	const actorSort = { key: pick(ACTOR_SORTS, params.get('asort'), 'name'), descending: params.get('adir') === 'desc' };
	const handoffSort = { key: pick(HANDOFF_SORTS, params.get('hsort'), 'stage'), descending: params.get('hdir') === 'desc' };
	// Measures come from the whole map, so a filter does not change an actor's betweenness.
	const measures = actorMeasures(map);
	return {
		map,
		actorSort,
		handoffSort,
		actors: sortActors(shown.actors, measures, actorSort),
		handoffs: sortHandoffs(shown.handoffs, map.actors, handoffSort),
		measures: Object.fromEntries(measures.map((m) => [m.actorId, m])),
		// Each actor's version, so that a cell edited in place is saved as the forms save (a stale one is refused).
		versions: Object.fromEntries(rows.actors.map((a) => [a.id, a.version])),
		handoffVersions: Object.fromEntries(rows.handoffs.map((h) => [h.id, h.version]))
	};
}


/** Pasted rows, read against the map as it is now; nothing is saved while any row is bad. */
async function readPaste(event: RequestEvent<{ slug: string }>, confirm: boolean) {
	const context = await requireArea(event, 'editor');
	const form = await parseForm(event.request, pasteSchema);
	if (!form.ok) return form.failure;
	const { map } = await mapOfRequest(event, context);
	const { rows, error } = readActorPaste(form.data.rows, map.actors.map((a) => a.name));
	const bad = rows.filter((r) => !r.input).length;
	const paste = { text: form.data.rows, rows, error, bad };
	if (error || bad || !confirm) return error || bad ? fail(400, { paste }) : { paste };
	try {
		const actors = await createActors(context, rows.map((r) => r.input!));
		return { pasted: `${actors.length} ${actors.length === 1 ? 'actor' : 'actors'} added from the paste.` };
	} catch (err) {
		return failureFrom(event, err, form.values);
	}
}

export const actions = {
	...historyActions,
	editActor: async (event) => {
		const context = await requireArea(event, 'editor');
		const form = await parseForm(event.request, updateActorSchema);
		if (!form.ok) return form.failure;
		try {
			const actor = await updateActor(context, form.data);
			return { message: `${actor.name} saved.` };
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	},
	editHandoff: async (event) => {
		const context = await requireArea(event, 'editor');
		const form = await parseForm(event.request, updateHandoffSchema);
		if (!form.ok) return form.failure;
		try {
			const handoff = await updateHandoff(context, form.data);
			return { message: `${handoff.label} saved.` };
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	},
	addActor: async (event) => {
		const context = await requireArea(event, 'editor');
		const form = await parseForm(event.request, createActorSchema);
		if (!form.ok) return fail(400, { ...form.failure.data, added: false });
		try {
			const actor = await createActor(context, form.data);
			return { message: `${actor.name} added to the map.`, added: true };
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	},
	pastePreview: (event) => readPaste(event, false),
	paste: (event) => readPaste(event, true)
};
