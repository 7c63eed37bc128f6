// The outbox worker: sends due mail through SMTP (nodemailer) when SMTP_URL is set, retrying with backoff.
// Safe with several instances: each claims a batch with FOR UPDATE SKIP LOCKED and pushes its next attempt out by a
// lease, so no other instance picks the same message while it is being sent; nothing is held locked during SMTP.
import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { db } from '$lib/server/db';
import { outbox, type OutboxMessage } from '$lib/server/db/schema';
import { config } from '$lib/server/config';
import { log } from '$lib/server/log';
import { retryDelaySeconds, shouldGiveUp } from '$lib/domain/mail-retry';

const LEASE_SECONDS = 120;

export function smtpTransport(url: string): Transporter {
	return nodemailer.createTransport(url);
}

/** Claims up to `limit` due messages for this instance: their next attempt moves past the lease. */
export async function claimDue(limit = 10, now = new Date()): Promise<OutboxMessage[]> {
	return db.transaction(async (tx) => {
		const due = await tx
			.select({ id: outbox.id })
			.from(outbox)
			.where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
			.orderBy(outbox.nextAttemptAt)
			.limit(limit)
			.for('update', { skipLocked: true });
		if (due.length === 0) return [];
		return tx
			.update(outbox)
			.set({
				attempts: sql`${outbox.attempts} + 1`,
				nextAttemptAt: new Date(now.getTime() + LEASE_SECONDS * 1000)
			})
			.where(inArray(outbox.id, due.map((d) => d.id)))
			.returning();
	});
}

function toMessage(m: OutboxMessage) {
	const calendar = m.attachments.find((a) => a.contentType.startsWith('text/calendar'));
	const method = calendar?.contentType.match(/method=(\w+)/i)?.[1] ?? 'REQUEST';
	return {
		from: config.mailFrom,
		to: m.to,
		// The outbox row's id, the same on every attempt: a receiver can drop a repeat, and a delivered mail can be
		// traced back to its row.
		messageId: `<${m.id}@outbox.homeward>`,
		subject: m.subject,
		text: m.text,
		headers: m.headers,
		// A calendar part as an alternative and an attachment: mail clients then offer to add or update the event.
		icalEvent: calendar ? { filename: calendar.filename, method, content: calendar.content } : undefined,
		attachments: m.attachments
			.filter((a) => a !== calendar)
			.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content }))
	};
}

/** Sends what is due once; returns how many were sent and how many failed (to be retried). */
export async function sendDue(transport: Transporter, limit = 10, now = new Date()) {
	const claimed = await claimDue(limit, now);
	let sent = 0;
	let failed = 0;
	for (const message of claimed) {
		try {
			await transport.sendMail(toMessage(message));
			await db.update(outbox).set({ status: 'sent', sentAt: new Date(), lastError: null }).where(eq(outbox.id, message.id));
			sent += 1;
		} catch (err) {
			failed += 1;
			const giveUp = shouldGiveUp(message.attempts);
			const lastError = err instanceof Error ? err.message.slice(0, 500) : String(err).slice(0, 500);
			await db
				.update(outbox)
				.set({
					status: giveUp ? 'failed' : 'pending',
					lastError,
					nextAttemptAt: new Date(now.getTime() + retryDelaySeconds(message.attempts) * 1000)
				})
				.where(eq(outbox.id, message.id));
			log.warn({ outboxId: message.id, attempts: message.attempts, giveUp, error: lastError }, 'mail not sent');
		}
	}
	return { sent, failed };
}

/**
 * Polls the outbox every `intervalMs` while SMTP_URL is set; returns the function that stops it. Without SMTP the
 * mail waits in the outbox for the admin mailbox.
 */
export function startMailWorker(intervalMs = Number(process.env.MAIL_POLL_MS || 5000)) {
	const url = process.env.SMTP_URL;
	if (!url) return () => {};
	const transport = smtpTransport(url);
	let running: Promise<unknown> | null = null;
	const tick = () => {
		if (running) return;
		running = sendDue(transport)
			.catch((err) => log.error({ err }, 'mail worker failed'))
			.finally(() => (running = null));
	};
	const timer = setInterval(tick, intervalMs);
	timer.unref();
	tick();
	return async () => {
		clearInterval(timer);
		await running;
		transport.close();
	};
}
