import { requireRole } from '$lib/server/auth/guard';
import { retentionOverview } from '$lib/server/retention';

export async function load(event) {
	const admin = requireRole(event, 'admin');
	return await retentionOverview(admin);
}
