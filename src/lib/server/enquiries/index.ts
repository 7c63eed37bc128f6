// Partner enquiries from the public site, and the consultants' pipeline that works them. The pipeline's later steps
// (offer, prospect area, the board) are in $lib/server/pipeline; the enquiry's own moves are here.
import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import { db, type Executor } from '$lib/server/db';
import { areas, partnerEnquiries, users, type PartnerEnquiry } from '$lib/server/db/schema';
import { hashToken, newId } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { enqueueMail, link } from '$lib/server/mail';
import { config } from '$lib/server/config';
import { notifyStaff } from '$lib/server/mail/staff';
import { takeFromWindow } from '$lib/server/auth/rate-limit';
import { ConflictError, InputError, NotFoundError } from '$lib/server/errors';
import { assertStaff } from '$lib/server/auth/staff';
import { ENQUIRY_PER_ADDRESS } from '$lib/domain/rate-limit';
import {
	ENQUIRY_TOPIC_LABELS,
	ORGANISATION_TYPE_LABELS,
	statusFollowsArea,
	type EnquiryStatus,
	type EnquiryTopic,
	type ManualEnquiryStatus,
	type OrganisationType
} from '$lib/domain/enquiries';
import { enquiryStatusForArea, stageOfEnquiry } from '$lib/domain/pipeline';
import type { AreaStatus } from '$lib/domain/roles';
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
		await acknowledge(tx, enquiry.email, {
			kind: 'partner-enquiry-ack',
			subject: `We have your enquiry: ${config.orgName}`,
			about: ENQUIRY_TOPIC_LABELS[enquiry.topic].toLowerCase()
		});
	});
}

/**
 * The acknowledgement every sender of a public form gets. It repeats nothing they typed (a stranger's address in the
 * form must not turn Homeward into a relay for their words), and replies reach a person.
 */
export async function acknowledge(tx: Executor, to: string, mail: { kind: string; subject: string; about: string }) {
	await enqueueMail(tx, {
		to,
		kind: mail.kind,
		subject: mail.subject,
		headers: { 'Reply-To': config.replyTo },
		text: `Hello,\n\nThank you for getting in touch with ${config.orgName} about ${mail.about}. Your message has reached our team, and one of our consultants will reply within five working days.\n\nIf anything changes in the meantime, reply to this email.\n\nIf you did not send this, you can ignore this email: we will use the address only to answer the message that named it.`
	});
}

/** The inbox, open enquiries first; each with its owner and the area it became, if any. */
export function listEnquiries(actor: SessionUser) {
	assertStaff(actor);
	return db
		.select({ enquiry: partnerEnquiries, ownerName: users.name, areaSlug: areas.slug, areaName: areas.name })
		.from(partnerEnquiries)
		.leftJoin(users, eq(users.id, partnerEnquiries.ownerId))
		.leftJoin(areas, eq(areas.id, partnerEnquiries.areaId))
		.orderBy(
			sql`case ${partnerEnquiries.status} when 'new' then 0 when 'contacted' then 1 when 'offered' then 2 when 'booked' then 3 when 'closed' then 5 else 4 end`,
			desc(partnerEnquiries.createdAt)
		)
		.then((rows) => rows.map(({ enquiry, ...rest }) => ({ ...enquiry, ...rest })));
}

/**
 * Moves an enquiry by hand (new, contacted, closed). Once it has become an area its status follows the area's.
 * Entering a new pipeline stage restarts its wait there.
 */
export async function setEnquiryStatus(actor: SessionUser, enquiryId: string, status: ManualEnquiryStatus, version: number, now = new Date()) {
	assertStaff(actor);
	return db.transaction(async (tx) => {
		const [before] = await tx.select().from(partnerEnquiries).where(eq(partnerEnquiries.id, enquiryId));
		if (!before) throw new NotFoundError();
		if (before.version !== version) throw new ConflictError();
		if (before.areaId || statusFollowsArea(before.status))
			throw new InputError({ status: 'This enquiry has become an area: its status follows the area’s. Change the area’s status instead.' });
		const [after] = await tx
			.update(partnerEnquiries)
			.set({ status, ...stageMove(before, status, now), updatedAt: now, version: sql`${partnerEnquiries.version} + 1` })
			.where(and(eq(partnerEnquiries.id, enquiryId), eq(partnerEnquiries.version, version)))
			.returning();
		if (!after) throw new ConflictError();
		await audit(tx, { actorId: actor.id, entity: 'partner-enquiry', entityId: enquiryId, action: 'status', before, after });
		return after;
	});
}

/** The stage clock restarts only when an enquiry changes stage (new to contacted is the same stage). */
function stageMove(before: Pick<PartnerEnquiry, 'status'>, status: EnquiryStatus, now: Date) {
	return stageOfEnquiry(before.status) === stageOfEnquiry(status) ? {} : { stageSince: now };
}

/**
 * Moves an enquiry along by what happened elsewhere (an offer, a booking, an area), inside that transaction. Returns
 * the enquiry as it is now, or null when there is none.
 */
export async function moveEnquiry(
	tx: Executor,
	actorId: string | null,
	enquiryId: string,
	change: { status: EnquiryStatus; areaId?: string; ownerId?: string | null; offerTokenHash?: string | null; offerExpiresAt?: Date | null },
	action: string,
	now = new Date()
) {
	const [before] = await tx.select().from(partnerEnquiries).where(eq(partnerEnquiries.id, enquiryId)).for('update');
	if (!before) return null;
	const [after] = await tx
		.update(partnerEnquiries)
		.set({ ...change, ...stageMove(before, change.status, now), updatedAt: now, version: sql`${partnerEnquiries.version} + 1` })
		.where(eq(partnerEnquiries.id, enquiryId))
		.returning();
	await audit(tx, { actorId, entity: 'partner-enquiry', entityId: enquiryId, action, before, after });
	return after;
}

/** An enquiry's open consultation offer by its link token: not closed, not yet an area, and not expired. */
export async function findOffer(token: string, now = new Date(), executor: Executor = db) {
	if (!token || token.length > 100) return null;
	const [enquiry] = await executor
		.select()
		.from(partnerEnquiries)
		.where(
			and(
				eq(partnerEnquiries.offerTokenHash, hashToken(token)),
				gt(partnerEnquiries.offerExpiresAt, now),
				inArray(partnerEnquiries.status, ['new', 'contacted', 'offered', 'booked'])
			)
		);
	return enquiry ?? null;
}

/** Ties a booking made through an offer link to its enquiry, which moves to "booked"; null for no (or a stale) offer. */
export async function claimOffer(tx: Executor, token: string, now = new Date()) {
	const enquiry = await findOffer(token, now, tx);
	if (!enquiry) return null;
	return moveEnquiry(tx, null, enquiry.id, { status: 'booked' }, 'booked', now);
}

/** A booking made through an offer was cancelled: the enquiry goes back to "offered" (its link still books). */
export async function offerBookingCancelled(tx: Executor, actorId: string | null, enquiryId: string | null, now = new Date()) {
	if (!enquiryId) return;
	const [enquiry] = await tx.select({ status: partnerEnquiries.status }).from(partnerEnquiries).where(eq(partnerEnquiries.id, enquiryId));
	if (enquiry?.status === 'booked') await moveEnquiry(tx, actorId, enquiryId, { status: 'offered' }, 'booking-cancelled', now);
}

/** An area's status changed: every enquiry that became it follows (prospect, partner, or closed with the area). */
export async function followArea(tx: Executor, actorId: string, areaId: string, status: AreaStatus, now = new Date()) {
	const tied = await tx.select({ id: partnerEnquiries.id }).from(partnerEnquiries).where(eq(partnerEnquiries.areaId, areaId));
	for (const { id } of tied) await moveEnquiry(tx, actorId, id, { status: enquiryStatusForArea(status) }, 'area-status', now);
}
