import { requireRole } from '$lib/server/auth/guard';
import { listOutbox } from '$lib/server/mail';
import { MAIL_STATUSES } from '$lib/server/db/schema';

export async function load(event) {
	requireRole(event, 'admin');
	const raw = event.url.searchParams.get('status');
	const status = MAIL_STATUSES.find((s) => s === raw);
	const messages = await listOutbox(200, status);
	return { status: status ?? '', messages: messages.map(({ text: _text, headers: _headers, ...m }) => m) };
}
