import { requireRole } from '$lib/server/auth/guard';
import { findExercise } from '$lib/server/hydra/exercises';
import { roomStream, STREAM_HEADERS } from '$lib/server/realtime/stream';
import { exerciseRoom } from '$lib/domain/live';
import { notFoundAs404 } from '../guard.server';

/** Every change in the exercise's room, for control and the plenary (staff). */
export async function GET(event) {
	const user = requireRole(event, 'admin', 'consultant');
	const exercise = await notFoundAs404(findExercise(user, event.params.id));
	return new Response(roomStream(exerciseRoom(exercise.id)), { headers: STREAM_HEADERS });
}
