import { requireRole } from '$lib/server/auth/guard';
import { listAllAreas } from '$lib/server/admin';

export async function load(event) {
	const admin = requireRole(event, 'admin');
	return { areas: await listAllAreas(admin) };
}
