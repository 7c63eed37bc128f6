// The "Owner" form action, shared by the enquiries page and the pipeline page so that each posts to the page it is on
// and shows the result beside the item, with or without JavaScript.
import type { RequestEvent } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { failureFrom, parseForm } from '$lib/server/forms';
import { pipelineOwnerSchema } from '$lib/validators/enquiries';
import { assignOwner } from './index';

export async function ownerAction(event: RequestEvent) {
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
