import { requireRole } from '$lib/server/auth/guard';
import { parseForm, failureFrom } from '$lib/server/forms';
import { sightingHandledSchema } from '$lib/validators/heroes';
import { listSightings, markSightingHandled } from '$lib/server/heroes';
import { config } from '$lib/server/config';

export async function load(event) {
	const user = requireRole(event, 'admin', 'consultant');
	return { sightings: await listSightings(user), retentionDays: config.sightingRetentionDays };
}

export const actions = {
	handled: async (event) => {
		const user = requireRole(event, 'admin', 'consultant');
		const form = await parseForm(event.request, sightingHandledSchema);
		if (!form.ok) return form.failure;
		try {
			await markSightingHandled(user, form.data.sightingId, form.data.version);
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		return { handled: true };
	}
};
