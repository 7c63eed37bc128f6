import { redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { followTopics } from '$lib/server/realtime';
import { createLink, createNode, getToc, startFromTemplate, tocChoices } from '$lib/server/toc';
import { tocLayoutOf } from '$lib/server/toc/layout';
import { runForm } from '$lib/server/toc/route';
import { areaRoleAtLeast } from '$lib/domain/roles';
import { createLinkSchema, createNodeSchema } from '$lib/validators/toc';
import { z } from 'zod';

export async function load(event) {
	const context = await requireArea(event);
	followTopics(event, context.area.id, 'toc', 'map', 'actions');
	const toc = await getToc(context);
	const canEdit = areaRoleAtLeast(context.role, 'editor');
	return { toc, layout: tocLayoutOf(toc), canEdit, choices: canEdit ? await tocChoices(context) : { actors: [] } };
}

export const actions = {
	addStep: async (event) => {
		const context = await requireArea(event, 'editor');
		return runForm(event, 'step', createNodeSchema, async (data) => ({ added: (await createNode(context, data)).title }));
	},
	addLink: async (event) => {
		const context = await requireArea(event, 'editor');
		return runForm(event, 'link', createLinkSchema, async (data) => {
			await createLink(context, data);
			return { linked: true };
		});
	},
	template: async (event) => {
		const context = await requireArea(event, 'editor');
		const result = await runForm(event, 'template', z.object({}).strict(), async () => startFromTemplate(context).then(() => ({ started: true })));
		if ('started' in result) redirect(303, `/app/areas/${context.area.slug}/toc?started`);
		return result;
	}
};
