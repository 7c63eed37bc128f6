import { requireRole } from '$lib/server/auth/guard';
import { listOutbox } from '$lib/server/mail';

export async function load(event) {
	requireRole(event, 'admin');
	const messages = await listOutbox();
	return { messages: messages.map(({ text: _text, headers: _headers, ...m }) => m) };
}
