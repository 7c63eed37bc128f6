import { afterAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { db } from '$lib/server/db';
import { bookings, outbox } from '$lib/server/db/schema';
import { bookConsultation } from '$lib/server/bookings';
import { sendDue, smtpTransport, startMailWorker } from '$lib/server/mail/worker';
import { useTestDatabase } from '../helpers/database';
import { NOW, THURSDAY_10, intake, makeConsultant } from '../helpers/bookings';

useTestDatabase();

/** A real SMTP server on loopback, inside the test process; collects every message it receives. */
async function startSmtp(port = 0) {
	const received: ParsedMail[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, _session, done) {
			simpleParser(stream)
				.then((mail) => received.push(mail))
				.then(() => done(), done);
		}
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	const address = server.server.address() as AddressInfo;
	return { received, port: address.port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const open: (() => Promise<void>)[] = [];
afterAll(async () => {
	for (const close of open) await close();
});

const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');

describe('the outbox worker', () => {
	it('delivers the confirmation with a parseable calendar invite over SMTP', async () => {
		const smtp = await startSmtp();
		open.push(smtp.close);
		await makeConsultant();
		const { booking } = await bookConsultation(intake(THURSDAY_10, { email: 'smtp-lead@example.test', name: 'Robin Example' }), '192.0.2.10', NOW);
		const transport = smtpTransport(`smtp://127.0.0.1:${smtp.port}`);
		const result = await sendDue(transport, 10, NOW);
		transport.close();
		expect(result).toEqual({ sent: 2, failed: 0 });

		const mail = smtp.received.find((m) => m.subject?.startsWith('Your free consultation'))!;
		expect((mail.to as { text: string }).text).toBe('smtp-lead@example.test');
		expect(mail.text).toContain('Dear Robin Example');
		expect(mail.text).toMatch(/\/consultation\/manage\/[a-z0-9]{32}/);
		const calendar = mail.attachments.find((a) => a.contentType === 'text/calendar');
		expect(calendar).toBeDefined();
		const ics = unfold(calendar!.content.toString('utf8'));
		expect(ics).toMatch(/^BEGIN:VCALENDAR/);
		expect(ics).toContain('METHOD:REQUEST');
		expect(ics).toContain(`UID:booking-${booking.id}@`);
		expect(ics).toContain('DTSTART:20270325T100000Z');
		expect(ics).toContain('DTEND:20270325T104500Z');
		expect(smtp.received.some((m) => m.subject?.startsWith('Consultation booked'))).toBe(true);

		const rows = await db.select().from(outbox).where(eq(outbox.to, 'smtp-lead@example.test'));
		expect(rows[0]).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
	});

	it('keeps the booking and the mail when SMTP is down, and sends once it is back', async () => {
		// A port that was just free: nothing listens there until the server below starts on it.
		const probe = await startSmtp();
		const port = probe.port;
		await probe.close();
		const { booking } = await bookConsultation(
			intake(new Date('2027-03-25T11:00:00Z'), { email: 'down@example.test' }),
			'192.0.2.11',
			NOW
		);
		const transport = smtpTransport(`smtp://127.0.0.1:${port}`);
		const down = await sendDue(transport, 10, NOW);
		expect(down.sent).toBe(0);
		expect(down.failed).toBe(2);
		const [waiting] = await db.select().from(outbox).where(eq(outbox.to, 'down@example.test'));
		expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
		expect(waiting.lastError).toMatch(/ECONNREFUSED|connect/i);
		expect(waiting.nextAttemptAt.getTime()).toBe(NOW.getTime() + 30_000);
		expect((await db.select().from(bookings).where(eq(bookings.id, booking.id)))[0].status).toBe('confirmed');

		// Not due again before the backoff has passed.
		expect(await sendDue(transport, 10, new Date(NOW.getTime() + 10_000))).toEqual({ sent: 0, failed: 0 });

		const smtp = await startSmtp(port);
		open.push(smtp.close);
		const back = await sendDue(transport, 10, new Date(NOW.getTime() + 31_000));
		transport.close();
		expect(back).toEqual({ sent: 2, failed: 0 });
		expect(smtp.received.map((m) => (m.to as { text: string }).text)).toContain('down@example.test');
		const [sent] = await db.select().from(outbox).where(eq(outbox.to, 'down@example.test'));
		expect(sent).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
	});

	it('as started by the app with SMTP_URL at a closed port: retries, loses nothing, and sends once the server is up', async () => {
		const probe = await startSmtp();
		const port = probe.port;
		await probe.close();
		const { booking } = await bookConsultation(
			intake(new Date('2027-03-25T13:30:00Z'), { email: 'worker-down@example.test' }),
			'192.0.2.12',
			NOW
		);
		const row = async () => (await db.select().from(outbox).where(eq(outbox.to, 'worker-down@example.test')))[0];
		const until = async (done: (r: Awaited<ReturnType<typeof row>>) => boolean) => {
			for (let i = 0; i < 200 && !done(await row()); i++) await new Promise((resolve) => setTimeout(resolve, 50));
			return row();
		};
		// Only the clock the worker reads is moved; its timers and the sockets run for real.
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(NOW);
		const previous = process.env.SMTP_URL;
		process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
		const stop = startMailWorker(50);
		try {
			const waiting = await until((r) => r.attempts >= 1 && r.lastError !== null);
			expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
			expect(waiting.lastError).toMatch(/ECONNREFUSED|connect/i);
			expect((await db.select().from(bookings).where(eq(bookings.id, booking.id)))[0].status).toBe('confirmed');

			// Many polls later, still one attempt: the worker waits out the backoff instead of hammering the server.
			await new Promise((resolve) => setTimeout(resolve, 300));
			expect(await row()).toMatchObject({ status: 'pending', attempts: 1 });

			const smtp = await startSmtp(port);
			open.push(smtp.close);
			vi.setSystemTime(new Date(NOW.getTime() + 31_000));
			const sent = await until((r) => r.status === 'sent');
			expect(sent).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
			expect(smtp.received.map((m) => (m.to as { text: string }).text)).toContain('worker-down@example.test');
		} finally {
			await stop();
			process.env.SMTP_URL = previous;
			vi.useRealTimers();
		}
	});
});
