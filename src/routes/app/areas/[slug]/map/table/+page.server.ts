import { fail, type RequestEvent } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { failureFrom, parseForm } from '$lib/server/forms';
import { createActor, createActors, createHandoff, createHandoffs, updateActor, updateHandoff } from '$lib/server/map';
import { createActorSchema, createHandoffSchema, updateActorSchema, updateHandoffSchema } from '$lib/validators/map';
import { pasteSchema } from '$lib/validators/map';
import { readActorPaste, readHandoffPaste } from '$lib/validators/map-paste';
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


const plural = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;

/** Pasted rows of actors, read against the map as it is now; nothing is saved while any row is bad. */
async function pasteActors(event: RequestEvent<{ slug: string }>, confirm: boolean) {
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
		return { pasted: `${plural(actors.length, 'actor')} added from the paste.` };
	} catch (err) {
		return failureFrom(event, err, form.values);
	}
}

/** Pasted rows of handoffs, the same way; the preview is `handoffPaste`, so only the handoffs' paste box shows it. */
async function pasteHandoffs(event: RequestEvent<{ slug: string }>, confirm: boolean) {
	const context = await requireArea(event, 'editor');
	const form = await parseForm(event.request, pasteSchema);
	if (!form.ok) return fail(400, { handoffPaste: { text: '', rows: [], error: form.failure.data.errors.rows ?? 'Paste the rows again.', bad: 0 } });
	const { map } = await mapOfRequest(event, context);
	const { rows, error } = readHandoffPaste(form.data.rows, map.actors, map.handoffs);
	const bad = rows.filter((r) => !r.input).length;
	const handoffPaste = { text: form.data.rows, rows, error, bad };
	if (error || bad || !confirm) return error || bad ? fail(400, { handoffPaste }) : { handoffPaste };
	try {
		const handoffs = await createHandoffs(context, rows.map((r) => r.input!));
		return { handoffPasted: `${plural(handoffs.length, 'handoff')} added from the paste.` };
	} catch (err) {
		// A race (an actor removed, the same handoff added meanwhile) is said in the paste box, with the rows kept.
		const failed = failureFrom(event, err, form.values);
		return fail(failed.status, { handoffPaste: { ...handoffPaste, error: Object.values(failed.data.errors).join(' ') } });
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
			// `about` puts the notice above the handoffs, where the person is working.
			return { message: `${handoff.label} saved.`, about: 'handoffs' };
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
	addHandoff: async (event) => {
		const context = await requireArea(event, 'editor');
		const form = await parseForm(event.request, createHandoffSchema);
		if (!form.ok) return fail(400, { ...form.failure.data, addedHandoff: false });
		try {
			const handoff = await createHandoff(context, form.data);
			return { message: `${handoff.label} added to the map.`, about: 'handoffs', addedHandoff: true };
		} catch (err) {
			const failed = failureFrom(event, err, form.values);
			return fail(failed.status, { ...failed.data, addedHandoff: false });
		}
	},
	pastePreview: (event) => pasteActors(event, false),
	paste: (event) => pasteActors(event, true),
	handoffPastePreview: (event) => pasteHandoffs(event, false),
	handoffPaste: (event) => pasteHandoffs(event, true)
};
