import { error } from '@sveltejs/kit';
import { roomStream, STREAM_HEADERS } from '$lib/server/realtime/stream';
import { guestFromCookies } from '$lib/server/rooms/cookie';
import { markGuestSeen } from '$lib/server/rooms/guests';
import { guestRefusal } from '$lib/domain/rooms';
import { workshopRoom } from '$lib/domain/live';

/**
 * The room's events, for its own guests only (a guest of another room never gets here: see the hooks). The stream
 * ends once the guest may do nothing more (removed, or the room closed); the browser's reconnect then meets this check.
 */
export async function GET({ locals, params, cookies }) {
	const session = locals.guest;
	if (!session || session.room.code !== params.code || guestRefusal(session.room, session.guest, new Date())) error(404, 'Not found');
	const stillAllowed = async () => {
		const now = await guestFromCookies(cookies);
		if (!now || now.guest.id !== session.guest.id || guestRefusal(now.room, now.guest, new Date())) return false;
		await markGuestSeen(now.guest);
		return true;
	};
	return new Response(roomStream(workshopRoom(session.room.id), () => true, stillAllowed), { headers: STREAM_HEADERS });
}
