import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { auditLog, outbox, partnerEnquiries } from '$lib/server/db/schema';
import { listEnquiries, setEnquiryStatus, submitEnquiry } from '$lib/server/enquiries';
import { enquirySchema } from '$lib/validators/enquiries';
import { ConflictError, NotFoundError } from '$lib/server/errors';
import { RateLimitedError } from '$lib/server/auth/rate-limit';
import { useTestDatabase } from '../helpers/database';
import { makeUser } from '../helpers/factories';

useTestDatabase();

const input = {
	topic: 'partnership' as const,
	organisationType: 'council' as const,
	organisation: 'Fernhill District Council',
	name: 'Jo Example',
	email: 'jo@fernhill.example',
	phone: '',
	place: 'Fernhill',
	message: 'We would like to talk about adults who go missing from supported housing.',
	website: ''
};

describe('partner enquiries', () => {
	it('land in the pipeline as new, with an audit row and a mail to every active staff member', async () => {
		const consultant = await makeUser('consultant');
		const admin = await makeUser('admin');
		const partner = await makeUser('partner');
		await submitEnquiry(input, '192.0.2.50');
		const [row] = await db.select().from(partnerEnquiries).where(eq(partnerEnquiries.organisation, 'Fernhill District Council'));
		expect(row).toMatchObject({ status: 'new', version: 1, organisationType: 'council' });
		for (const staff of [consultant, admin]) {
			const [mail] = await db.select().from(outbox).where(eq(outbox.to, staff.email));
			expect(mail.kind).toBe('partner-enquiry');
			expect(mail.text).toContain('/app/enquiries');
		}
		expect(await db.select().from(outbox).where(eq(outbox.to, partner.email))).toHaveLength(0);
		expect(await db.select().from(auditLog).where(eq(auditLog.entityId, row.id))).toHaveLength(1);
	});

	it('drop a filled honeypot silently and rate limit per address', async () => {
		await submitEnquiry({ ...input, organisation: 'Spam Ltd', website: 'x' }, '192.0.2.51');
		expect(await db.select().from(partnerEnquiries).where(eq(partnerEnquiries.organisation, 'Spam Ltd'))).toHaveLength(0);
		for (let i = 0; i < 4; i++) await submitEnquiry({ ...input, organisation: `Burst ${i}` }, '192.0.2.51');
		await expect(submitEnquiry({ ...input, organisation: 'Burst 5' }, '192.0.2.51')).rejects.toThrow(RateLimitedError);
		expect(await db.select().from(partnerEnquiries).where(eq(partnerEnquiries.organisation, 'Burst 5'))).toHaveLength(0);
	});

	it('move through the pipeline with optimistic concurrency, for staff only', async () => {
		const consultant = await makeUser('consultant');
		const partner = await makeUser('partner');
		await submitEnquiry({ ...input, organisation: 'Pipeline Police' }, '192.0.2.52');
		const [row] = await db.select().from(partnerEnquiries).where(eq(partnerEnquiries.organisation, 'Pipeline Police'));
		expect(() => listEnquiries(partner)).toThrow(NotFoundError);
		await expect(setEnquiryStatus(partner, row.id, 'closed', 1)).rejects.toThrow(NotFoundError);
		const after = await setEnquiryStatus(consultant, row.id, 'contacted', 1);
		expect(after).toMatchObject({ status: 'contacted', version: 2 });
		await expect(setEnquiryStatus(consultant, row.id, 'closed', 1)).rejects.toThrow(ConflictError);
		const list = await listEnquiries(consultant);
		expect(list.find((e) => e.id === row.id)?.status).toBe('contacted');
		await expect(setEnquiryStatus(consultant, 'nope', 'closed', 1)).rejects.toThrow(NotFoundError);
	});

	it('reject invalid input and unknown fields', () => {
		expect(enquirySchema.safeParse({ ...input, organisationType: 'charity' }).success).toBe(false);
		expect(enquirySchema.safeParse({ ...input, email: 'nope' }).success).toBe(false);
		expect(enquirySchema.safeParse({ ...input, status: 'closed' }).success).toBe(false);
		expect(enquirySchema.safeParse(input).success).toBe(true);
	});
});
