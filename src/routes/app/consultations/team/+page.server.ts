import { requireRole } from '$lib/server/auth/guard';
import { listTeamBookings, teamConsultants } from '$lib/server/bookings';
import { teamFilterSchema } from '$lib/validators/bookings';
import { fieldErrors } from '$lib/server/forms';

export async function load(event) {
	const user = requireRole(event, 'admin', 'consultant');
	const values = Object.fromEntries([...event.url.searchParams].filter(([, v]) => v !== ''));
	const parsed = teamFilterSchema.safeParse(values);
	const consultants = await teamConsultants(user);
	// A bad filter is said by its field and lists nothing, rather than quietly listing everything.
	if (!parsed.success) return { values, errors: fieldErrors(parsed.error), rows: null, consultants };
	const { consultant, ...filter } = parsed.data;
	return { values, errors: {}, rows: await listTeamBookings(user, { ...filter, consultantId: consultant }), consultants };
}
