import { redirect } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';

export function load(event) {
	requireRole(event, 'admin');
	redirect(303, '/app/admin/users');
}
