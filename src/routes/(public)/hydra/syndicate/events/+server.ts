import { error } from '@sveltejs/kit';
import { syndicateFromCookies } from '$lib/server/hydra/cookie';
import { roomStream, STREAM_HEADERS } from '$lib/server/realtime/stream';
import { exerciseRoom } from '$lib/domain/live';

// What a syndicate may hear of: the exercise's state, releases and the board. Never observers' notes, and never that
// another syndicate wrote a decision.
const SYNDICATE_TOPICS = new Set(['exercise', 'board']);

/** The syndicate's own exercise's events, for the browser holding its cookie. */
export async function GET({ cookies }) {
	const session = await syndicateFromCookies(cookies);
	if (!session) error(403, 'Join the exercise first.');
	// The stream ends if the syndicate is gone (its exercise deleted); the reconnect then meets the check above.
	const stillAllowed = async () => (await syndicateFromCookies(cookies))?.syndicate.id === session.syndicate.id;
	return new Response(roomStream(exerciseRoom(session.exercise.id), (c) => SYNDICATE_TOPICS.has(c.topic), stillAllowed), { headers: STREAM_HEADERS });
}
