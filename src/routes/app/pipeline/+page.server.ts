import { requireRole } from '$lib/server/auth/guard';
import { parseForm, failureFrom } from '$lib/server/forms';
import { pipelineOwnerSchema } from '$lib/validators/enquiries';
import { assignOwner, listOwners, pipelineBoard } from '$lib/server/pipeline';

export async function load(event) {
	const user = requireRole(event, 'admin', 'consultant');
	const [stages, owners] = await Promise.all([pipelineBoard(user), listOwners()]);
	return { stages, owners };
}

export const actions = {
	owner: async (event) => {
		const user = requireRole(event, 'admin', 'consultant');
		const form = await parseForm(event.request, pipelineOwnerSchema);
		if (!form.ok) return form.failure;
		try {
			await assignOwner(user, form.data);
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		return { ownerSaved: form.data.id };
	}
};
