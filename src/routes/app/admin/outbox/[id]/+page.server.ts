import { error } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { getOutboxMessage } from '$lib/server/mail';

export async function load(event) {
	requireRole(event, 'admin');
	const message = await getOutboxMessage(event.params.id);
	if (!message) error(404, 'Not found');
	return { message };
}
