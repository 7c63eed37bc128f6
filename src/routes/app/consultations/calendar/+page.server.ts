import { requireRole } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { createFeed, feedStatus, revokeFeed } from '$lib/server/bookings';
import { emptySchema } from '$lib/validators/admin';
import { feedRevokeSchema } from '$lib/validators/bookings';

export async function load(event) {
	const user = requireRole(event, 'admin', 'consultant');
	return { feed: await feedStatus(user) };
}

export const actions = {
	// The new link is returned once, in this response: only its hash is kept.
	create: async (event) => {
		const user = requireRole(event, 'admin', 'consultant');
		const form = await parseForm(event.request, emptySchema);
		if (!form.ok) return form.failure;
		return { url: await createFeed(user) };
	},
	revoke: async (event) => {
		const user = requireRole(event, 'admin', 'consultant');
		const form = await parseForm(event.request, feedRevokeSchema);
		if (!form.ok) return form.failure;
		await revokeFeed(user);
		return { revoked: true };
	}
};
