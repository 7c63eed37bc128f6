// What a guest's notes can be on (the area's actors, handoffs and outcomes), in a load of its own: the room page's
// load re-runs with every note, and a room of 80 re-loading a 300-actor map's choices with each one would send each
// phone the whole map dozens of times a minute. This follows the room and its proposals (an accepted one changes the
// map), not the notes. Only for a guest of this room; the join form needs none of it.
import { followRoomTopics } from '$lib/server/realtime';
import { noteTargetsFor } from '$lib/server/rooms/guests';
import { workshopRoom } from '$lib/domain/live';

export async function load(event) {
	const session = event.locals.guest;
	if (!session || session.room.code !== event.params.code) return { targets: null };
	followRoomTopics(event, workshopRoom(session.room.id), 'room', 'proposals');
	return { targets: await noteTargetsFor(session) };
}
