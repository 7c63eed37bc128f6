import { redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { followTopics } from '$lib/server/realtime';
import { createIndicator, createLink, deleteLink, deleteNode, getNode, tocChoices, updateLink, updateNode } from '$lib/server/toc';
import { found, runForm } from '$lib/server/toc/route';
import { areaRoleAtLeast } from '$lib/domain/roles';
import { createIndicatorSchema, deleteLinkSchema, deleteSchema, linkFields, updateLinkSchema, updateNodeSchema } from '$lib/validators/toc';
import { z } from 'zod';
import { safeString } from '$lib/validators/common';

const onwardSchema = z.object({ toNodeId: safeString().trim().min(1, 'Choose a step.').max(64), ...linkFields }).strict();

export async function load(event) {
	const context = await requireArea(event);
	followTopics(event, context.area.id, 'toc', 'map', 'actions');
	const canEdit = areaRoleAtLeast(context.role, 'editor');
	const [detail, choices] = await Promise.all([found(getNode(context, event.params.id)), canEdit ? tocChoices(context) : { actors: [] }]);
	return { ...detail, canEdit, choices };
}

export const actions = {
	edit: async (event) => {
		const context = await requireArea(event, 'editor');
		return runForm(event, 'edit', updateNodeSchema, async (data) => {
			await updateNode(context, { ...data, id: event.params.id });
			return { message: 'Your changes are saved.' };
		});
	},
	delete: async (event) => {
		const context = await requireArea(event, 'editor');
		const result = await runForm(event, 'delete', deleteSchema, async (data) => {
			const gone = await deleteNode(context, { id: event.params.id, version: data.version });
			return { title: gone.title };
		});
		if ('title' in result) redirect(303, `/app/areas/${context.area.slug}/toc?deleted=${encodeURIComponent(result.title)}`);
		return result;
	},
	addLink: async (event) => {
		const context = await requireArea(event, 'editor');
		return runForm(event, 'link', onwardSchema, async (data) => {
			await createLink(context, { ...data, fromNodeId: event.params.id });
			return { message: 'Link added.' };
		});
	},
	editLink: async (event) => {
		const context = await requireArea(event, 'editor');
		return runForm(event, 'editLink', updateLinkSchema, async (data) => {
			await updateLink(context, { id: data.linkId, version: data.version, rationale: data.rationale, assumptions: data.assumptions });
			return { message: 'The link’s rationale and assumptions are saved.' };
		});
	},
	deleteLink: async (event) => {
		const context = await requireArea(event, 'editor');
		return runForm(event, 'deleteLink', deleteLinkSchema, async (data) => {
			await deleteLink(context, { id: data.linkId, version: data.version });
			return { message: 'Link removed.' };
		});
	},
	addIndicator: async (event) => {
		const context = await requireArea(event, 'editor');
		const result = await runForm(event, 'indicator', createIndicatorSchema, async (data) => {
			const row = await createIndicator(context, event.params.id, data);
			return { indicatorId: row.id };
		});
		if ('indicatorId' in result) redirect(303, `/app/areas/${context.area.slug}/toc/indicators/${result.indicatorId}?created`);
		return result;
	}
};
