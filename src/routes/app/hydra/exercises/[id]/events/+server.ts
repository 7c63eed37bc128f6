import { requireRole, sessionRecheck } from '$lib/server/auth/guard';
import { isStaff } from '$lib/domain/roles';
import { findExercise } from '$lib/server/hydra/exercises';
import { roomStream, STREAM_HEADERS } from '$lib/server/realtime/stream';
import { exerciseRoom } from '$lib/domain/live';
import { notFoundAs404 } from '../guard.server';

/** Every change in the exercise's room, for control and the plenary (staff). */
export async function GET(event) {
	const user = requireRole(event, 'admin', 'consultant');
	const exercise = await notFoundAs404(findExercise(user, event.params.id));
	// Control stops hearing the room once signed out or disabled, while the tab is still open.
	const signedIn = sessionRecheck(event);
	const stillAllowed = async () => isStaff((await signedIn())?.role ?? 'partner');
	return new Response(roomStream(exerciseRoom(exercise.id), () => true, stillAllowed), { headers: STREAM_HEADERS });
}
