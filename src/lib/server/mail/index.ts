// Mail goes into the outbox inside the transaction that causes it; nothing is lost if sending later fails.
import { desc, eq } from 'drizzle-orm';
import { db, type Executor } from '$lib/server/db';
import { outbox, type MailAttachment } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import { config } from '$lib/server/config';

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

export function listOutbox(limit = 200) {
	return db.select().from(outbox).orderBy(desc(outbox.createdAt)).limit(limit);
}

export async function getOutboxMessage(id: string) {
	const [message] = await db.select().from(outbox).where(eq(outbox.id, id));
	return message ?? null;
}
