// The facilitator's presentation on a guest's screen, in a load of its own: it follows only the presentation (and the
// room's votes, whose revealed results are slides), so that the notes and dots of a room of 80 do not each re-draw the
// slide on every phone. Only for a guest of this room who may still be in it: it is the one thing of the area beyond
// the room a guest sees.
import { followRoomTopics } from '$lib/server/realtime';
import { roomPresentation } from '$lib/server/present';
import { guestRefusal } from '$lib/domain/rooms';
import { workshopRoom } from '$lib/domain/live';
import { followsNotes } from '$lib/domain/present';

export async function load(event) {
	const session = event.locals.guest;
	if (!session || session.room.code !== event.params.code || guestRefusal(session.room, session.guest, new Date())) return { present: null };
	followRoomTopics(event, workshopRoom(session.room.id), 'present', 'room');
	const present = await roomPresentation(session.room.areaId, event.url.searchParams);
	// The room's notes only while they are on the screen (or before the first brings their slide into the deck).
	if (followsNotes(present)) followRoomTopics(event, workshopRoom(session.room.id), 'notes');
	return { present };
}
