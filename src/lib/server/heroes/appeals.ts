// Missing-person appeals: staff publish them, the public reads them, confirmed heroes get them in a digest mail. When
// the person is found the appeal is removed entirely: its photo, its sightings and every mail that named them.
import { and, desc, eq, gte, inArray, isNull, or, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { appealDeliveries, appealPhotos, appeals, heroSubscribers, outbox, type Appeal } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { link } from '$lib/server/mail';
import { InputError, NotFoundError } from '$lib/server/errors';
import { assertStaff } from '$lib/server/auth/staff';
import { checkPhoto, REGION_LABELS, type Region } from '$lib/domain/heroes';
import { formatDate, londonToday } from '$lib/domain/dates';
import type { SessionUser } from '$lib/server/auth/session';
import { enqueueHeroMail } from './subscribers';
import { reencodePhoto } from './photos';

export interface AppealInput {
	firstName: string;
	age: number;
	region: Region;
	place: string;
	missingSince: string;
	description: string;
	photo?: File;
}

export type PublicAppeal = Omit<Appeal, 'createdBy'>;

const publicColumns = {
	id: appeals.id,
	firstName: appeals.firstName,
	age: appeals.age,
	region: appeals.region,
	place: appeals.place,
	missingSince: appeals.missingSince,
	description: appeals.description,
	hasPhoto: appeals.hasPhoto,
	createdAt: appeals.createdAt
};

export function appealHeadline(a: Pick<Appeal, 'firstName' | 'age' | 'region' | 'place'>) {
	return `${a.firstName}, ${a.age}, missing from ${a.place ? `${a.place}, ` : ''}${REGION_LABELS[a.region]}`;
}

/** Publishes an appeal on the public site at once; the next digest mails it to heroes of its region. */
export async function publishAppeal(actor: SessionUser, input: AppealInput, now = new Date()) {
	assertStaff(actor);
	const errors: Record<string, string> = {};
	if (input.missingSince > londonToday(now)) errors.missingSince = 'The date they went missing cannot be in the future.';
	let photo: { type: 'image/jpeg' | 'image/png'; bytes: Buffer } | null = null;
	if (input.photo && input.photo.size > 0) {
		const bytes = Buffer.from(await input.photo.arrayBuffer());
		const checked = checkPhoto(bytes);
		const cleaned = checked.ok ? await reencodePhoto(bytes, checked.type) : checked;
		if (cleaned.ok) photo = { type: cleaned.type, bytes: cleaned.bytes };
		else errors.photo = cleaned.message;
	}
	if (Object.keys(errors).length) throw new InputError(errors);
	const { photo: _file, ...fields } = input;
	return db.transaction(async (tx) => {
		const [appeal] = await tx
			.insert(appeals)
			.values({ id: newId(), ...fields, hasPhoto: photo !== null, createdBy: actor.id })
			.returning();
		if (photo) await tx.insert(appealPhotos).values({ appealId: appeal.id, contentType: photo.type, bytes: photo.bytes });
		// The audit keeps what happened, not who: the appeal's details leave the database when it is removed.
		await audit(tx, {
			actorId: actor.id,
			entity: 'appeal',
			entityId: appeal.id,
			action: 'publish',
			after: { region: appeal.region, photo: photo !== null }
		});
		return appeal;
	});
}

function appealText(appeal: PublicAppeal) {
	const from = `${appeal.place ? `${appeal.place}, ` : ''}${REGION_LABELS[appeal.region]}`;
	return `${appeal.firstName}, aged ${appeal.age}, missing since ${formatDate(`${appeal.missingSince}T12:00:00Z`)} from ${from}.\n\n${appeal.description}\n\nSee the appeal, share it, or report a sighting:\n${link(`/appeals/${appeal.id}`)}`;
}

/**
 * The digest: one mail per confirmed hero with every appeal of their region published since they confirmed that has
 * not reached them yet. Safe to run on several instances at once: each hero's row is locked while their mail is
 * written (others skip it), and the delivery key refuses a second copy of an appeal.
 */
export async function sendAppealDigests() {
	return db.transaction(async (tx) => {
		const due = await tx
			.select({ hero: { id: heroSubscribers.id, email: heroSubscribers.email, firstName: heroSubscribers.firstName }, appeal: publicColumns })
			.from(heroSubscribers)
			.innerJoin(
				appeals,
				and(
					or(isNull(heroSubscribers.region), eq(heroSubscribers.region, appeals.region)),
					gte(appeals.createdAt, heroSubscribers.confirmedAt)
				)
			)
			.leftJoin(appealDeliveries, and(eq(appealDeliveries.appealId, appeals.id), eq(appealDeliveries.subscriberId, heroSubscribers.id)))
			.where(and(eq(heroSubscribers.status, 'confirmed'), isNull(appealDeliveries.appealId)))
			.orderBy(heroSubscribers.id, appeals.createdAt)
			.for('update', { of: heroSubscribers, skipLocked: true });
		const byHero = new Map<string, typeof due>();
		for (const row of due) byHero.set(row.hero.id, [...(byHero.get(row.hero.id) ?? []), row]);
		let mails = 0;
		for (const rows of byHero.values()) {
			const { hero } = rows[0];
			const claimed = await tx
				.insert(appealDeliveries)
				.values(rows.map(({ appeal }) => ({ appealId: appeal.id, subscriberId: hero.id })))
				.onConflictDoNothing()
				.returning({ appealId: appealDeliveries.appealId });
			const fresh = rows.map((r) => r.appeal).filter((a) => claimed.some((c) => c.appealId === a.id));
			if (fresh.length === 0) continue;
			const subject =
				fresh.length === 1 ? `Missing: ${appealHeadline(fresh[0])}` : `${fresh.length} people are missing: new appeals`;
			const outboxId = await enqueueHeroMail(tx, hero.id, {
				to: hero.email,
				kind: 'hero-appeal',
				subject,
				text: `${hero.firstName ? `Hello ${hero.firstName},\n\n` : ''}Please look out for ${fresh.length === 1 ? 'this person' : 'these people'}.\n\n${fresh.map(appealText).join('\n\n* * *\n\n')}\n\nIf you think someone is in immediate danger, call 999.`
			});
			await tx
				.update(appealDeliveries)
				.set({ outboxId })
				.where(and(eq(appealDeliveries.subscriberId, hero.id), inArray(appealDeliveries.appealId, fresh.map((a) => a.id))));
			mails++;
		}
		return mails;
	});
}

/** Appeals published but not yet mailed to every hero who should get them: what the next digest will send. */
export async function countAwaitingDigest() {
	const [row] = await db
		.select({ count: sql<number>`count(distinct ${appeals.id})::int` })
		.from(heroSubscribers)
		.innerJoin(
			appeals,
			and(or(isNull(heroSubscribers.region), eq(heroSubscribers.region, appeals.region)), gte(appeals.createdAt, heroSubscribers.confirmedAt))
		)
		.leftJoin(appealDeliveries, and(eq(appealDeliveries.appealId, appeals.id), eq(appealDeliveries.subscriberId, heroSubscribers.id)))
		.where(and(eq(heroSubscribers.status, 'confirmed'), isNull(appealDeliveries.appealId)));
	return row.count;
}

/**
 * Removes an appeal and everything about the person: photo, sightings, and every mail that named them, sent or not.
 * Other appeals in a digest not yet sent go back in the queue for the next one. With `tellHeroes`, every hero who
 * received it (and is still subscribed) gets a short mail that the person has been found: no name, no photo, nothing
 * else about them.
 */
export async function removeAppeal(actor: SessionUser, appealId: string, options: { tellHeroes?: boolean } = {}) {
	assertStaff(actor);
	await db.transaction(async (tx) => {
		const [appeal] = await tx.select({ id: appeals.id, region: appeals.region }).from(appeals).where(eq(appeals.id, appealId));
		if (!appeal) throw new NotFoundError();
		// Who received it: a delivery whose mail was sent, or whose mail has since been deleted (it counts as sent).
		const reached = options.tellHeroes
			? await tx
					.select({ id: heroSubscribers.id, email: heroSubscribers.email })
					.from(appealDeliveries)
					.innerJoin(heroSubscribers, eq(heroSubscribers.id, appealDeliveries.subscriberId))
					.leftJoin(outbox, eq(outbox.id, appealDeliveries.outboxId))
					.where(and(eq(appealDeliveries.appealId, appealId), eq(heroSubscribers.status, 'confirmed'), or(isNull(appealDeliveries.outboxId), eq(outbox.status, 'sent'))))
			: [];
		const mails = await tx
			.select({ id: outbox.id, status: outbox.status })
			.from(appealDeliveries)
			.innerJoin(outbox, eq(outbox.id, appealDeliveries.outboxId))
			.where(eq(appealDeliveries.appealId, appealId));
		const unsent = mails.filter((m) => m.status !== 'sent').map((m) => m.id);
		if (unsent.length) await tx.delete(appealDeliveries).where(inArray(appealDeliveries.outboxId, unsent));
		if (mails.length) await tx.delete(outbox).where(inArray(outbox.id, mails.map((m) => m.id)));
		// Cascades to the photo, sightings and remaining deliveries.
		await tx.delete(appeals).where(eq(appeals.id, appealId));
		for (const hero of reached) await enqueueHeroMail(tx, hero.id, { to: hero.email, ...FOUND_MAIL });
		await audit(tx, {
			actorId: actor.id,
			entity: 'appeal',
			entityId: appealId,
			action: 'remove',
			before: { region: appeal.region },
			after: { mailWithdrawn: mails.length, heroesTold: reached.length }
		});
	});
}

/** What heroes are told when someone they looked out for is found: that alone. */
export const FOUND_MAIL = {
	kind: 'hero-found',
	subject: 'Good news: someone you looked out for has been found',
	text: `Hello,\n\nA person whose appeal we sent you has been found. Their appeal has been removed.\n\nThank you for looking out. If you shared the appeal, please take down or delete what you shared: they may not want it seen any more.`
};

export function listAppeals(): Promise<PublicAppeal[]> {
	return db.select(publicColumns).from(appeals).orderBy(desc(appeals.createdAt));
}

export async function getAppeal(id: string): Promise<PublicAppeal | null> {
	const [appeal] = await db.select(publicColumns).from(appeals).where(eq(appeals.id, id));
	return appeal ?? null;
}

export async function getAppealPhoto(id: string) {
	const [photo] = await db.select().from(appealPhotos).where(eq(appealPhotos.appealId, id));
	return photo ?? null;
}
