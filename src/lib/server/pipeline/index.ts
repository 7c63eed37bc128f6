// The partner pipeline, enquiry -> consultation -> prospect area -> partner area: the staff board with each stage's
// count and waits, owners, and the two steps an enquiry takes (offer a consultation, start a prospect area).
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { areas, bookings, partnerEnquiries, users, type PartnerEnquiry } from '$lib/server/db/schema';
import { hashToken, newToken } from '$lib/server/ids';
import { enqueueMail, link } from '$lib/server/mail';
import { audit } from '$lib/server/audit';
import { config } from '$lib/server/config';
import { ConflictError, InputError, NotFoundError } from '$lib/server/errors';
import { assertStaff } from '$lib/server/auth/staff';
import { freeSlug, insertArea } from '$lib/server/areas';
import { moveEnquiry } from '$lib/server/enquiries';
import { leadHeaders } from '$lib/server/bookings/mail';
import { formatDate } from '$lib/domain/dates';
import { ENQUIRY_STATUS_LABELS, statusFollowsArea } from '$lib/domain/enquiries';
import { AREA_STATUS_LABELS } from '$lib/domain/roles';
import { BOOKING_STATUS_LABELS, CONSULTATION_MINUTES } from '$lib/domain/bookings';
import { PIPELINE_STAGES, stageOfArea, stageOfEnquiry, waits, type PipelineStage, type Waits } from '$lib/domain/pipeline';
import type { SessionUser } from '$lib/server/auth/session';

const DAY = 24 * 60 * 60 * 1000;
/** How long a consultation offer's booking link works. */
export const OFFER_LINK_DAYS = 30;

export interface PipelineItem {
	kind: 'enquiry' | 'booking' | 'area';
	id: string;
	title: string;
	detail: string;
	status: string;
	href: string;
	ownerId: string | null;
	ownerName: string | null;
	since: Date;
	/** How long it has waited at its stage, by the board's clock. */
	waitedMs: number;
	/** For owner changes: the row's version (bookings' owner is their consultant, not set here). */
	version: number | null;
}

export interface PipelineStageView extends Waits {
	stage: PipelineStage;
	items: PipelineItem[];
}

/** Active staff, who may own a pipeline item. */
export function listOwners() {
	return db
		.select({ id: users.id, name: users.name })
		.from(users)
		.where(and(inArray(users.role, ['admin', 'consultant']), isNull(users.disabledAt)))
		.orderBy(asc(users.name));
}

/**
 * The board: every open item in the stage it is in, oldest wait first, with each stage's count, median and longest
 * wait. An enquiry counts until it becomes an area, then the area counts (never both). A consultation booked straight
 * from the public page (not through an offer) counts while it is confirmed and has led to no area yet.
 */
export async function pipelineBoard(actor: SessionUser, now = new Date()): Promise<PipelineStageView[]> {
	assertStaff(actor);
	const [enquiries, direct, areaRows] = await Promise.all([
		db
			.select({ enquiry: partnerEnquiries, ownerName: users.name })
			.from(partnerEnquiries)
			.leftJoin(users, eq(users.id, partnerEnquiries.ownerId))
			.where(and(inArray(partnerEnquiries.status, ['new', 'contacted', 'offered', 'booked']), isNull(partnerEnquiries.areaId))),
		db
			.select({ booking: bookings, ownerName: users.name })
			.from(bookings)
			.innerJoin(users, eq(users.id, bookings.consultantId))
			.where(and(eq(bookings.status, 'confirmed'), isNull(bookings.enquiryId), isNull(bookings.engagementAreaId), isNull(bookings.anonymisedAt))),
		db
			.select({ area: areas, ownerName: users.name })
			.from(areas)
			.leftJoin(users, eq(users.id, areas.ownerId))
			.where(inArray(areas.status, ['prospect', 'active']))
	]);
	const items: Array<Omit<PipelineItem, 'waitedMs'> & { stage: PipelineStage }> = [];
	for (const { enquiry: e, ownerName } of enquiries) {
		const stage = stageOfEnquiry(e.status);
		if (!stage) continue;
		items.push({
			stage,
			kind: 'enquiry',
			id: e.id,
			title: e.organisation,
			detail: `${e.name}${e.place ? `, ${e.place}` : ''}`,
			status: ENQUIRY_STATUS_LABELS[e.status],
			href: `/app/enquiries#enquiry-${e.id}`,
			ownerId: e.ownerId,
			ownerName,
			since: e.stageSince,
			version: e.version
		});
	}
	for (const { booking: b, ownerName } of direct) {
		items.push({
			stage: 'consultation',
			kind: 'booking',
			id: b.id,
			title: b.organisation,
			detail: `${b.leadName}, ${b.localArea}; booked for ${formatDate(b.startsAt)}`,
			status: BOOKING_STATUS_LABELS[b.status],
			href: `/app/consultations/${b.id}`,
			ownerId: b.consultantId,
			ownerName,
			since: b.createdAt,
			version: null
		});
	}
	for (const { area: a, ownerName } of areaRows) {
		const stage = stageOfArea(a.status);
		if (!stage) continue;
		items.push({
			stage,
			kind: 'area',
			id: a.id,
			title: a.name,
			detail: a.policeForce,
			status: AREA_STATUS_LABELS[a.status],
			href: `/app/areas/${a.slug}`,
			ownerId: a.ownerId,
			ownerName,
			since: a.statusSince,
			version: a.version
		});
	}
	return PIPELINE_STAGES.map((stage) => {
		const here = items.filter((i) => i.stage === stage).sort((a, b) => a.since.getTime() - b.since.getTime() || a.title.localeCompare(b.title));
		return { stage, ...waits(here.map((i) => i.since), now), items: here.map(({ stage: _s, ...item }) => ({ ...item, waitedMs: now.getTime() - item.since.getTime() })) };
	});
}

async function activeStaff(ownerId: string) {
	const [owner] = await db
		.select({ id: users.id })
		.from(users)
		.where(and(eq(users.id, ownerId), inArray(users.role, ['admin', 'consultant']), isNull(users.disabledAt)));
	if (!owner) throw new InputError({ ownerId: 'Choose a consultant or administrator from the list.' });
	return owner.id;
}

/** Gives an enquiry or an area to a staff member to carry forward (an empty owner leaves it with nobody). */
export async function assignOwner(actor: SessionUser, input: { kind: 'enquiry' | 'area'; id: string; ownerId: string; version: number }) {
	assertStaff(actor);
	const ownerId = input.ownerId ? await activeStaff(input.ownerId) : null;
	const table = input.kind === 'enquiry' ? partnerEnquiries : areas;
	return db.transaction(async (tx) => {
		const [before] = await tx.select({ id: table.id, ownerId: table.ownerId, version: table.version }).from(table).where(eq(table.id, input.id));
		if (!before) throw new NotFoundError();
		const [after] = await tx
			.update(table)
			.set({ ownerId, updatedAt: new Date(), version: sql`${table.version} + 1` })
			.where(and(eq(table.id, input.id), eq(table.version, input.version)))
			.returning({ id: table.id, ownerId: table.ownerId, version: table.version });
		if (!after) throw new ConflictError();
		await audit(tx, {
			actorId: actor.id,
			areaId: input.kind === 'area' ? input.id : undefined,
			entity: input.kind === 'enquiry' ? 'partner-enquiry' : 'area',
			entityId: input.id,
			action: 'owner',
			before,
			after
		});
		return after;
	});
}

async function openEnquiry(enquiryId: string, version: number) {
	const [enquiry] = await db.select().from(partnerEnquiries).where(eq(partnerEnquiries.id, enquiryId));
	if (!enquiry) throw new NotFoundError();
	if (enquiry.version !== version) throw new ConflictError();
	return enquiry;
}

function refuseUnlessOpen(enquiry: PartnerEnquiry, what: string) {
	if (enquiry.areaId || statusFollowsArea(enquiry.status))
		throw new InputError({ _form: `This enquiry has already become an area, so ${what} is no longer needed.` });
	if (enquiry.status === 'closed') throw new InputError({ _form: `This enquiry is closed: reopen it (status “New” or “Contacted”) before ${what}.` });
}

/**
 * Offers the enquirer a free consultation: a mail with a booking link that fills in their details on the public
 * booking page and ties the booking they make back to this enquiry. Sending it again replaces the earlier link. The
 * enquiry moves to "Consultation offered" (or stays "booked" when a consultation is already booked through it), and
 * the actor owns it if nobody did.
 */
export async function offerConsultation(actor: SessionUser, enquiryId: string, version: number, now = new Date()) {
	assertStaff(actor);
	const enquiry = await openEnquiry(enquiryId, version);
	refuseUnlessOpen(enquiry, 'offering a consultation');
	const token = newToken();
	const expires = new Date(now.getTime() + OFFER_LINK_DAYS * DAY);
	return db.transaction(async (tx) => {
		const after = await moveEnquiry(
			tx,
			actor.id,
			enquiry.id,
			{
				status: enquiry.status === 'booked' ? 'booked' : 'offered',
				ownerId: enquiry.ownerId ?? actor.id,
				offerTokenHash: hashToken(token),
				offerExpiresAt: expires
			},
			'offer-consultation',
			now
		);
		if (!after || after.version !== enquiry.version + 1) throw new ConflictError();
		await enqueueMail(tx, {
			to: enquiry.email,
			kind: 'consultation-offer',
			subject: `A free consultation with ${config.orgName}`,
			headers: leadHeaders(actor.email),
			text: `Hello ${enquiry.name},\n\nThank you for your enquiry. We would like to offer you a free consultation: about ${CONSULTATION_MINUTES} minutes with one of our consultants about repeat missing in your area and whether working together could help.\n\nChoose a time that suits you here (your details are filled in for you):\n${link(`/consultation?offer=${token}`)}\n\nThe link works until ${formatDate(expires)}. If none of the times suit you, reply to this email.\n\n${actor.name}\n${config.orgName}`
		});
		return after;
	});
}

export interface ProspectAreaInput {
	name: string;
	policeForce: string;
	localAuthorities: string;
}

/**
 * Starts a prospect area from an enquiry, as the new-area form would (the actor leads it, it gets the programme's
 * models, and a free web address from its name); the enquiry's owner (else the actor) owns it, and the enquiry now
 * follows the area's status.
 */
export async function startProspectArea(actor: SessionUser, enquiryId: string, input: ProspectAreaInput, version: number, now = new Date()) {
	assertStaff(actor);
	const enquiry = await openEnquiry(enquiryId, version);
	refuseUnlessOpen(enquiry, 'starting a prospect area');
	return db.transaction(async (tx) => {
		const area = await insertArea(tx, actor, {
			...input,
			slug: await freeSlug(tx, input.name),
			status: 'prospect',
			description: `From ${enquiry.organisation}'s enquiry of ${formatDate(enquiry.createdAt)}.`,
			ownerId: enquiry.ownerId ?? actor.id
		});
		const after = await moveEnquiry(tx, actor.id, enquiry.id, { status: 'prospect', areaId: area.id, ownerId: enquiry.ownerId ?? actor.id }, 'prospect-area', now);
		if (!after || after.version !== enquiry.version + 1) throw new ConflictError();
		return area;
	});
}
