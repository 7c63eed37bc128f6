import { redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { followTopics } from '$lib/server/realtime';
import { addReading, deleteIndicator, deleteReading, getIndicator, tocChoices, updateIndicator } from '$lib/server/toc';
import { found, runForm } from '$lib/server/toc/route';
import { areaRoleAtLeast } from '$lib/domain/roles';
import { deleteReadingSchema, deleteSchema, readingSchema, updateIndicatorSchema } from '$lib/validators/toc';

export async function load(event) {
	const context = await requireArea(event);
	followTopics(event, context.area.id, 'toc');
	const canEdit = areaRoleAtLeast(context.role, 'editor');
	const [detail, choices] = await Promise.all([found(getIndicator(context, event.params.id)), canEdit ? tocChoices(context) : { actors: [] }]);
	return { ...detail, canEdit, choices };
}

export const actions = {
	addReading: async (event) => {
		const context = await requireArea(event, 'editor');
		return runForm(event, 'reading', readingSchema, async (data) => {
			await addReading(context, event.params.id, data);
			return { message: 'Reading added.' };
		});
	},
	deleteReading: async (event) => {
		const context = await requireArea(event, 'editor');
		return runForm(event, 'deleteReading', deleteReadingSchema, async (data) => {
			await deleteReading(context, event.params.id, data.readingId);
			return { message: 'Reading deleted.' };
		});
	},
	edit: async (event) => {
		const context = await requireArea(event, 'editor');
		return runForm(event, 'edit', updateIndicatorSchema, async (data) => {
			await updateIndicator(context, { ...data, id: event.params.id });
			return { message: 'Your changes are saved.' };
		});
	},
	delete: async (event) => {
		const context = await requireArea(event, 'editor');
		const result = await runForm(event, 'delete', deleteSchema, async (data) => {
			const gone = await deleteIndicator(context, { id: event.params.id, version: data.version });
			return { nodeId: gone.nodeId };
		});
		if ('nodeId' in result) redirect(303, `/app/areas/${context.area.slug}/toc/steps/${result.nodeId}`);
		return result;
	}
};
