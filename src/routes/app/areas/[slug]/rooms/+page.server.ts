import { redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { followTopics } from '$lib/server/realtime';
import { parseForm, failureFrom } from '$lib/server/forms';
import { openRoomSchema } from '$lib/validators/rooms';
import { listRooms, openRoom } from '$lib/server/rooms';
import { areaRoleAtLeast } from '$lib/domain/roles';
import { londonToday } from '$lib/domain/dates';

export async function load(event) {
	const context = await requireArea(event);
	followTopics(event, context.area.id, 'rooms');
	return { rooms: await listRooms(context), canFacilitate: areaRoleAtLeast(context.role, 'lead'), today: londonToday() };
}

export const actions = {
	open: async (event) => {
		const context = await requireArea(event, 'lead');
		const form = await parseForm(event.request, openRoomSchema);
		if (!form.ok) return form.failure;
		let id: string;
		try {
			({ id } = await openRoom(context, form.data));
		} catch (err) {
			return failureFrom(event, err, form.values);
		}
		redirect(303, `/app/areas/${context.area.slug}/rooms/${id}`);
	}
};
