// Personal data that outlived its purpose elsewhere: an anonymised booking's lead in its mail, and working links
// (reset, invitation, manage) readable by anyone who opens the admin mailbox. Fictional people only.
import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { auditLog, bookings, outbox } from '$lib/server/db/schema';
import { bookConsultation } from '$lib/server/bookings';
import { runRetention } from '$lib/server/retention';
import { requestPasswordReset } from '$lib/server/auth/passwords';
import { getOutboxMessage, viewOutboxMessage } from '$lib/server/mail';
import { exportSubject } from '$lib/server/privacy';
import { useTestDatabase } from '../helpers/database';
import { makeUser } from '../helpers/factories';
import { NOW, THURSDAY_10, intake, makeConsultant } from '../helpers/bookings';

useTestDatabase();

const LEAD = { name: 'Robin Fictional', email: 'robin.fictional@example.test', phone: '07700 900461' };

const mentions = (value: string) => sql`strpos(lower(${outbox.to} || ' ' || ${outbox.subject} || ' ' || ${outbox.text} || ' ' || ${outbox.headers}::text || ' ' || ${outbox.attachments}::text), ${value.toLowerCase()}) > 0`;

describe('an anonymised booking', () => {
	it('leaves no trace of its lead in mail (to them or to staff) or in its audit rows', async () => {
		await makeConsultant();
		const { booking } = await bookConsultation(intake(THURSDAY_10, LEAD), '192.0.2.60', NOW);
		// Before: the lead's confirmation and the consultant's notice name them (no SMTP here, so both wait unsent).
		expect((await db.select().from(outbox).where(mentions(LEAD.name))).length).toBeGreaterThanOrEqual(2);

		const later = new Date(NOW.getTime() + 25 * 31 * 24 * 60 * 60 * 1000);
		const done = await runRetention(later);
		expect(done?.['booking-contacts']).toBe(1);

		const [row] = await db.select().from(bookings).where(eq(bookings.id, booking.id));
		expect(row.anonymisedAt).not.toBeNull();
		for (const value of [LEAD.name, LEAD.email, LEAD.phone]) {
			expect(await db.select({ id: outbox.id, subject: outbox.subject }).from(outbox).where(mentions(value)), value).toEqual([]);
			const audits = await db.select().from(auditLog).where(eq(auditLog.entityId, booking.id));
			expect(JSON.stringify(audits)).not.toContain(value);
		}
	});
});

describe('the admin mailbox', () => {
	it('shows reset and manage links with their tokens masked, never the working link; so does the subject access export', async () => {
		const admin = await makeUser('admin');
		const user = await makeUser('partner');
		await requestPasswordReset(user.email, '192.0.2.61');
		const [reset] = await db.select().from(outbox).where(eq(outbox.to, user.email));
		const token = reset.text.match(/\/reset-password\/([a-z0-9]+)/)![1];
		expect(token.length).toBeGreaterThan(20);

		const shown = (await viewOutboxMessage(reset.id))!;
		expect(shown.text).toContain(`/reset-password/…${token.slice(-4)}`);
		expect(shown.text).not.toContain(token);
		// The row itself is untouched: the mail still goes out with the working link.
		expect((await getOutboxMessage(reset.id))!.text).toContain(token);

		await makeConsultant();
		await bookConsultation(intake(THURSDAY_10, { email: 'sam.fictional@example.test' }), '192.0.2.62', NOW);
		const [confirmation] = await db.select().from(outbox).where(eq(outbox.to, 'sam.fictional@example.test'));
		const manage = confirmation.text.match(/\/consultation\/manage\/([a-z0-9]+)/)![1];
		const view = (await viewOutboxMessage(confirmation.id))!;
		expect(JSON.stringify(view)).not.toContain(manage);
		expect(view.text).toContain(`/consultation/manage/…${manage.slice(-4)}`);

		const exported = await exportSubject(admin, 'sam.fictional@example.test');
		expect(JSON.stringify(exported.sources.mail)).toContain('/consultation/manage/…');
		expect(JSON.stringify(exported)).not.toContain(manage);
	});
});
