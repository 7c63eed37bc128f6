import { error } from '@sveltejs/kit';
import { syndicateFromCookies } from '$lib/server/hydra/cookie';
import { roomStream, STREAM_HEADERS } from '$lib/server/realtime/stream';
import { exerciseRoom } from '$lib/domain/live';
import { screenGone, screenSeen } from '$lib/server/hydra/screens';

// What a syndicate may hear of: the exercise's state, releases, the board and control's messages (that one was sent,
// not to whom: its screen re-loads and shows only its own). Never observers' notes, and never that
// another syndicate wrote a decision.
const SYNDICATE_TOPICS = new Set(['exercise', 'board', 'messages']);

/** The syndicate's own exercise's events, for the browser holding its cookie. */
export async function GET({ cookies }) {
	const session = await syndicateFromCookies(cookies);
	if (!session) error(403, 'Join the exercise first.');
	// The stream ends if the syndicate is gone (its exercise deleted); the reconnect then meets the check above.
	const stillAllowed = async () => (await syndicateFromCookies(cookies))?.syndicate.id === session.syndicate.id;
	// Each open stream is one of the syndicate's screens, for control's view of who is connected.
	const { exercise, syndicate } = session;
	const screen = {
		seen: (streamId: string, opened: boolean) => screenSeen(streamId, exercise.id, syndicate.id, opened),
		gone: (streamId: string) => screenGone(streamId, exercise.id, syndicate.id)
	};
	return new Response(roomStream(exerciseRoom(exercise.id), (c) => SYNDICATE_TOPICS.has(c.topic), stillAllowed, screen), { headers: STREAM_HEADERS });
}
