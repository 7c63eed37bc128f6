import { requireArea } from '$lib/server/auth/guard';
import { followTopics } from '$lib/server/realtime';
import { failureFrom, parseForm } from '$lib/server/forms';
import { listSnapshots, saveSnapshot } from '$lib/server/map';
import { networkLayoutOf } from '$lib/server/map/layout';
import { mapOfRequest } from '$lib/server/map/request';
import { restoreSchema, snapshotSchema } from '$lib/validators/map';
import { countsOf, diffMaps, diffMarks } from '$lib/domain/map/diff';
import { restoreSnapshot } from '$lib/server/map/history';
import { areaRoleAtLeast } from '$lib/domain/roles';

export async function load(event) {
	const context = await requireArea(event);
	followTopics(event, context.area.id, 'map');
	const { map, pins } = await mapOfRequest(event, context);
	const snapshots = await listSnapshots(context);
	const a = event.url.searchParams.get('a');
	const b = event.url.searchParams.get('b') ?? 'current';
	const before = snapshots.find((s) => s.id === a);
	const after = b === 'current' ? { id: 'current', name: 'The map now', data: map } : snapshots.find((s) => s.id === b);
	let comparison = null;
	if (before && after) {
		const diff = diffMaps(before.data, after.data);
		comparison = {
			before: { id: before.id, name: before.name },
			after: { id: after.id, name: after.name },
			diff,
			// Removed actors and handoffs are named in the tables; the picture shows the later map.
			afterMap: after.data,
			marks: Object.fromEntries(diffMarks(diff)),
			layout: networkLayoutOf(after.data, after.id === 'current' ? pins : [])
		};
	}
	// Restoring asks first, saying what the map would gain, lose and change.
	const restoring = areaRoleAtLeast(context.role, 'editor') ? snapshots.find((s) => s.id === event.url.searchParams.get('restore')) : undefined;
	return {
		restore: restoring ? { id: restoring.id, name: restoring.name, counts: countsOf(diffMaps(map, restoring.data)) } : null,
		snapshots: snapshots.map((s) => ({ id: s.id, name: s.name, createdAt: s.createdAt, actors: s.data.actors.length, handoffs: s.data.handoffs.length })),
		selection: { a: a ?? '', b },
		comparison
	};
}

export const actions = {
	save: async (event) => {
		const context = await requireArea(event, 'editor');
		const form = await parseForm(event.request, snapshotSchema);
		if (!form.ok) return form.failure;
		try {
			const snapshot = await saveSnapshot(context, form.data.name);
			return { message: `Snapshot “${snapshot.name}” saved.` };
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	},
	restore: async (event) => {
		const context = await requireArea(event, 'editor');
		const form = await parseForm(event.request, restoreSchema);
		if (!form.ok) return form.failure;
		try {
			const { snapshot, kept } = await restoreSnapshot(context, form.data.snapshot);
			return { restored: { snapshot, kept } };
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	}
};
