// Partner enquiries from the public site, and the consultants' pipeline that works them.
import { and, desc, eq, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { partnerEnquiries } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { link } from '$lib/server/mail';
import { notifyStaff } from '$lib/server/mail/staff';
import { takeFromWindow } from '$lib/server/auth/rate-limit';
import { ConflictError, NotFoundError } from '$lib/server/errors';
import { assertStaff } from '$lib/server/auth/staff';
import { ENQUIRY_PER_ADDRESS } from '$lib/domain/rate-limit';
import {
	ENQUIRY_TOPIC_LABELS,
	ORGANISATION_TYPE_LABELS,
	type EnquiryStatus,
	type EnquiryTopic,
	type OrganisationType
} from '$lib/domain/enquiries';
import type { SessionUser } from '$lib/server/auth/session';

export interface EnquiryInput {
	topic: EnquiryTopic;
	organisationType: OrganisationType;
	organisation: string;
	name: string;
	email: string;
	phone: string;
	place: string;
	message: string;
	website: string;
}

const SUBJECTS: Record<EnquiryTopic, string> = { partnership: 'New partner enquiry', hydra: 'New Hydra training enquiry' };

/** Stores the enquiry in the pipeline and tells staff; a filled honeypot is thanked and dropped. */
export async function submitEnquiry(input: EnquiryInput, clientAddress: string) {
	await takeFromWindow('enquiry', clientAddress, ENQUIRY_PER_ADDRESS);
	if (input.website) return;
	const { website: _bot, ...fields } = input;
	await db.transaction(async (tx) => {
		const [enquiry] = await tx.insert(partnerEnquiries).values({ id: newId(), ...fields }).returning();
		await audit(tx, { actorId: null, entity: 'partner-enquiry', entityId: enquiry.id, action: 'create', after: enquiry });
		await notifyStaff(tx, {
			kind: 'partner-enquiry',
			subject: `${SUBJECTS[enquiry.topic]}: ${enquiry.organisation}`,
			text: `${enquiry.name} (${ORGANISATION_TYPE_LABELS[enquiry.organisationType]}, ${enquiry.organisation}) asked about ${ENQUIRY_TOPIC_LABELS[enquiry.topic].toLowerCase()}.\n\nOpen the enquiries pipeline:\n${link('/app/enquiries')}`
		});
	});
}

export function listEnquiries(actor: SessionUser) {
	assertStaff(actor);
	return db
		.select()
		.from(partnerEnquiries)
		.orderBy(sql`case ${partnerEnquiries.status} when 'new' then 0 when 'contacted' then 1 else 2 end`, desc(partnerEnquiries.createdAt));
}

export async function setEnquiryStatus(actor: SessionUser, enquiryId: string, status: EnquiryStatus, version: number) {
	assertStaff(actor);
	return db.transaction(async (tx) => {
		const [before] = await tx.select().from(partnerEnquiries).where(eq(partnerEnquiries.id, enquiryId));
		if (!before) throw new NotFoundError();
		const [after] = await tx
			.update(partnerEnquiries)
			.set({ status, updatedAt: new Date(), version: sql`${partnerEnquiries.version} + 1` })
			.where(and(eq(partnerEnquiries.id, enquiryId), eq(partnerEnquiries.version, version)))
			.returning();
		if (!after) throw new ConflictError();
		await audit(tx, { actorId: actor.id, entity: 'partner-enquiry', entityId: enquiryId, action: 'status', before, after });
		return after;
	});
}
