import { requireUser } from '$lib/server/auth/guard';
import { listAreasFor } from '$lib/server/areas';

export async function load(event) {
	const user = requireUser(event);
	return { areas: await listAreasFor(user) };
}
