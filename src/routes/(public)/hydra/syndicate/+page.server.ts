// A syndicate's screen: the injects released to it, its decision log, and the anonymous board. Reached only with the
// cookie given at joining; without one (or with one nobody holds) the way in is the join page.
import { redirect, type Cookies } from '@sveltejs/kit';
import { parseForm, failureFrom } from '$lib/server/forms';
import { followRoomTopics } from '$lib/server/realtime';
import { boardPostSchema, decisionSchema } from '$lib/validators/hydra-live';
import { logDecision, postToBoard, syndicateView } from '$lib/server/hydra/syndicates';
import { syndicateFromCookies } from '$lib/server/hydra/cookie';
import { exerciseRoom } from '$lib/domain/live';

async function sessionOf(cookies: Cookies) {
	const session = await syndicateFromCookies(cookies);
	if (!session) redirect(303, '/hydra/join');
	return session;
}

export async function load(event) {
	event.setHeaders({ 'cache-control': 'no-store' });
	const session = await sessionOf(event.cookies);
	followRoomTopics(event, exerciseRoom(session.exercise.id), 'exercise', 'decisions', 'board', 'messages');
	// Exercise chrome only: no site navigation for a team to click away through mid-exercise.
	return { chrome: 'exercise' as const, exerciseId: session.exercise.id, ...(await syndicateView(session)) };
}

export const actions = {
	decide: async (event) => {
		const session = await sessionOf(event.cookies);
		const form = await parseForm(event.request, decisionSchema);
		if (!form.ok) return form.failure;
		try {
			await logDecision(session, form.data);
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		return { done: 'decide' };
	},
	post: async (event) => {
		const session = await sessionOf(event.cookies);
		const form = await parseForm(event.request, boardPostSchema);
		if (!form.ok) return form.failure;
		try {
			const post = await postToBoard(session, form.data);
			if (post.status === 'held') return { done: 'held' };
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		return { done: 'post' };
	}
};
