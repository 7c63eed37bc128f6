import { requireArea } from '$lib/server/auth/guard';
import { followTopics } from '$lib/server/realtime';
import { failureFrom, parseForm } from '$lib/server/forms';
import { deleteView, listViews, saveView, viewHref } from '$lib/server/map/views';
import { deleteViewSchema, saveViewSchema } from '$lib/validators/map-view';

export async function load(event) {
	const context = await requireArea(event);
	followTopics(event, context.area.id, 'map');
	const views = await listViews(context);
	return { views: views.map((v) => ({ ...v, href: viewHref(context.area.slug, v) })) };
}

export const actions = {
	save: async (event) => {
		const context = await requireArea(event, 'editor');
		const form = await parseForm(event.request, saveViewSchema);
		if (!form.ok) return form.failure;
		try {
			const view = await saveView(context, form.data);
			return { message: `View “${view.name}” saved.`, href: viewHref(context.area.slug, view) };
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	},
	delete: async (event) => {
		const context = await requireArea(event, 'editor');
		const form = await parseForm(event.request, deleteViewSchema);
		if (!form.ok) return form.failure;
		try {
			const view = await deleteView(context, form.data.id);
			return { message: `View “${view.name}” removed.` };
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
	}
};
