// Joining a live Hydra exercise as a syndicate: the code shown in the room, a team name and the agency the team plays.
// No account: the browser gets a random token in an HttpOnly cookie; only the token's hash is stored.
import { fail, redirect } from '@sveltejs/kit';
import { parseForm, failureFrom } from '$lib/server/forms';
import { joinSchema } from '$lib/validators/hydra-live';
import { joinExercise } from '$lib/server/hydra/syndicates';
import { setSyndicateCookie, syndicateFromCookies } from '$lib/server/hydra/cookie';
import { hashToken, newToken } from '$lib/server/ids';
import { normaliseJoinCode } from '$lib/domain/hydra/exercise';

export async function load({ cookies, url, setHeaders }) {
	setHeaders({ 'cache-control': 'no-store' });
	const current = await syndicateFromCookies(cookies);
	return {
		code: normaliseJoinCode(url.searchParams.get('code') ?? '') ?? '',
		// A browser already in a running exercise is offered the way back to it.
		joined: current && current.exercise.status !== 'ended' ? { teamName: current.syndicate.teamName, exercise: current.exercise.title } : null
	};
}

export const actions = {
	default: async (event) => {
		const raw = (await event.request.clone().formData()).get('code');
		const form = await parseForm(event.request, joinSchema);
		// The form helper never echoes a field named like a secret ("code"); a join code is no secret, so keep it.
		const typed = { joinCode: typeof raw === 'string' ? raw.slice(0, 20) : '' };
		if (!form.ok) return fail(400, { errors: form.failure.data.errors, values: { ...form.failure.data.values, ...typed } });
		const values = { ...form.values, ...typed };
		const token = newToken();
		try {
			await joinExercise(form.data, hashToken(token), event.getClientAddress());
		} catch (err) {
			return failureFrom(event, err, values);
		}
		setSyndicateCookie(event.cookies, event.url, token);
		redirect(303, '/hydra/syndicate');
	}
};
