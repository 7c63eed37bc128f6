import { requireRole } from '$lib/server/auth/guard';

export function load(event) {
	requireRole(event, 'admin');
}
