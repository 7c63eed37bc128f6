import { requireRole } from '$lib/server/auth/guard';
import { parseForm, failureFrom } from '$lib/server/forms';
import { removeAppealSchema } from '$lib/validators/heroes';
import { countAwaitingDigest, listAppeals, removeAppeal, sendAppealDigests } from '$lib/server/heroes';
import { config } from '$lib/server/config';

export async function load(event) {
	requireRole(event, 'admin', 'consultant');
	const [appeals, awaitingDigest] = await Promise.all([listAppeals(), countAwaitingDigest()]);
	return {
		appeals,
		awaitingDigest,
		digestMinutes: config.appealDigestMinutes,
		published: event.url.searchParams.has('published')
	};
}

export const actions = {
	// For an urgent appeal: the digest goes now rather than at its next scheduled run.
	digest: async (event) => {
		requireRole(event, 'admin', 'consultant');
		return { digestSent: await sendAppealDigests() };
	},
	remove: async (event) => {
		const user = requireRole(event, 'admin', 'consultant');
		const form = await parseForm(event.request, removeAppealSchema);
		if (!form.ok) return form.failure;
		try {
			await removeAppeal(user, form.data.appealId, { tellHeroes: form.data.tellHeroes === 'yes' });
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		return { removed: true, heroesTold: form.data.tellHeroes === 'yes' };
	}
};
