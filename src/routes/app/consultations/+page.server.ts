import { requireRole } from '$lib/server/auth/guard';
import { listBookings } from '$lib/server/bookings';
import { pipelineFilterSchema } from '$lib/validators/bookings';

export async function load(event) {
	const user = requireRole(event, 'admin', 'consultant');
	const filter = pipelineFilterSchema.parse(Object.fromEntries(event.url.searchParams));
	const when = filter.when ?? 'upcoming';
	return { filter: { status: filter.status ?? '', when }, bookings: await listBookings(user, { ...filter, when }) };
}
