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
	pinActor,
	unpinActor,
	updateActor,
	updateHandoff
} from '$lib/server/map';
import { analysisOf, networkLayoutOf } from '$lib/server/map/layout';
import {
	createActorSchema,
	createHandoffSchema,
	deleteSchema,
	moveActorSchema,
	MOVE_STEP,
	unpinActorSchema,
	updateActorSchema,
	updateHandoffSchema
} from '$lib/validators/map';
import { diffMaps, diffMarks } from '$lib/domain/map/diff';

export async function load(event) {
	const context = await requireArea(event);
	followTopics(event, context.area.id, 'map');
	const { map, pins } = await event.parent();
	const layout = networkLayoutOf(map, pins);
	const selected = event.url.searchParams.get('actor');
	const compareId = event.url.searchParams.get('compare');
	const snapshot = compareId ? await getSnapshot(context, compareId) : null;
	return {
		layout,
		selectedId: map.actors.some((a) => a.id === selected) ? selected : null,
		compare: snapshot
			? { id: snapshot.id, name: snapshot.name, marks: Object.fromEntries(diffMarks(diffMaps(snapshot.data, map))) }
			: null,
		analysis: analysisOf(map)
	};
}

/** Every change needs an editor: viewers get the same 404 as a stranger. */
const editor = (event: Parameters<typeof requireArea>[0]) => requireArea(event, 'editor');

export const actions = {
	addActor: async (event) => {
		const context = await editor(event);
		const form = await parseForm(event.request, createActorSchema);
		if (!form.ok) return form.failure;
		try {
			const actor = await createActor(context, form.data);
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
