// Mail goes into the outbox inside the transaction that causes it; nothing is lost if sending later fails.
import { and, desc, eq } from 'drizzle-orm';
import { db, type Executor } from '$lib/server/db';
import { outbox, type MailAttachment, type OutboxMessage } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import { config } from '$lib/server/config';
import { audit } from '$lib/server/audit';
import { InputError, NotFoundError } from '$lib/server/errors';
import { maskMailTokens } from '$lib/domain/mail-links';
import type { SessionUser } from '$lib/server/auth/session';

export interface Mail {
	to: string;
	subject: string;
	text: string;
	/** What caused it (invitation, password-reset, ...), for the admin mailbox. */
	kind: string;
	headers?: Record<string, string>;
	attachments?: MailAttachment[];
}

export async function enqueueMail(tx: Executor, mail: Mail) {
	const id = newId();
	await tx.insert(outbox).values({ id, ...mail, headers: mail.headers ?? {}, attachments: mail.attachments ?? [] });
	return id;
}

export function link(path: string) {
	return new URL(path, config.origin).toString();
}

export function listOutbox(limit = 200, status?: OutboxMessage['status']) {
	return db
		.select()
		.from(outbox)
		.where(status ? eq(outbox.status, status) : undefined)
		.orderBy(desc(outbox.createdAt))
		.limit(limit);
}

export async function getOutboxMessage(id: string) {
	const [message] = await db.select().from(outbox).where(eq(outbox.id, id));
	return message ?? null;
}

/**
 * A message as the admin mailbox shows it: every link that works by a token (reset, invitation, manage, confirm,
 * unsubscribe) masked in the body, the headers and the attachments, so reading the mailbox gives no one a way in.
 */
export async function viewOutboxMessage(id: string) {
	const message = await getOutboxMessage(id);
	if (!message) return null;
	return {
		...message,
		text: maskMailTokens(message.text),
		headers: Object.fromEntries(Object.entries(message.headers).map(([name, value]) => [name, maskMailTokens(String(value))])),
		// A calendar invite folds long lines (RFC 5545), which can split a link: shown unfolded, so every link is masked.
		attachments: message.attachments.map((a) => ({
			...a,
			content: maskMailTokens(a.contentType.startsWith('text/calendar') ? a.content.replace(/\r?\n[ \t]/g, '') : a.content)
		}))
	};
}

/**
 * Puts a mail the worker gave up on back in the queue, to be sent at the worker's next look with a fresh set of
 * attempts. Only failed mail: a pending one is already queued, and sending a sent one again would duplicate it.
 */
export async function resendMail(actor: SessionUser, id: string) {
	if (actor.role !== 'admin') throw new NotFoundError();
	await db.transaction(async (tx) => {
		const [before] = await tx.select({ id: outbox.id, status: outbox.status, attempts: outbox.attempts, lastError: outbox.lastError }).from(outbox).where(eq(outbox.id, id));
		if (!before) throw new NotFoundError();
		const [after] = await tx
			.update(outbox)
			.set({ status: 'pending', attempts: 0, nextAttemptAt: new Date(), lastError: null })
			.where(and(eq(outbox.id, id), eq(outbox.status, 'failed')))
			.returning({ id: outbox.id, status: outbox.status, attempts: outbox.attempts, lastError: outbox.lastError });
		if (!after) throw new InputError({ _form: `Only failed mail can be sent again; this one is ${before.status}.` });
		// Status only: the address and words of the mail are not copied into the audit trail.
		await audit(tx, { actorId: actor.id, entity: 'outbox', entityId: id, action: 'resend', before, after });
	});
}
