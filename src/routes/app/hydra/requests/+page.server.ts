import { requireRole } from '$lib/server/auth/guard';
import { parseForm, failureFrom } from '$lib/server/forms';
import { requestStatusSchema } from '$lib/validators/hydra';
import { listRequests, setRequestStatus } from '$lib/server/hydra/requests';

export async function load(event) {
	const user = requireRole(event, 'admin', 'consultant');
	return { requests: await listRequests(user) };
}

export const actions = {
	status: async (event) => {
		const user = requireRole(event, 'admin', 'consultant');
		const form = await parseForm(event.request, requestStatusSchema);
		if (!form.ok) return form.failure;
		try {
			await setRequestStatus(user, form.data.requestId, form.data.status, form.data.version);
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		return { saved: form.data.requestId };
	}
};
