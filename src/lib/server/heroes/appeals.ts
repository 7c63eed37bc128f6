// Missing-person appeals: staff publish them, the public reads them, confirmed heroes get them by mail. When the
// person is found the appeal is removed entirely: its photo, its sightings and its mail still waiting in the outbox.
import { and, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { appealMails, appealPhotos, appeals, heroSubscribers, outbox, type Appeal } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { link } from '$lib/server/mail';
import { InputError, NotFoundError } from '$lib/server/errors';
import { isStaff } from '$lib/domain/roles';
import { checkPhoto, londonToday, REGION_LABELS, type Region } from '$lib/domain/heroes';
import { formatDate } from '$lib/domain/dates';
import type { SessionUser } from '$lib/server/auth/session';
import { enqueueHeroMail } from './subscribers';

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

function assertStaff(actor: SessionUser) {
	if (!isStaff(actor.role)) throw new NotFoundError();
}

export function appealHeadline(a: Pick<Appeal, 'firstName' | 'age' | 'region' | 'place'>) {
	return `${a.firstName}, ${a.age}, missing from ${a.place ? `${a.place}, ` : ''}${REGION_LABELS[a.region]}`;
}

/** Publishes an appeal and, in the same transaction, writes its mail to every confirmed hero of that region. */
export async function publishAppeal(actor: SessionUser, input: AppealInput, now = new Date()) {
	assertStaff(actor);
	const errors: Record<string, string> = {};
	if (input.missingSince > londonToday(now)) errors.missingSince = 'The date they went missing cannot be in the future.';
	let photo: { type: 'image/jpeg' | 'image/png'; bytes: Buffer } | null = null;
	if (input.photo && input.photo.size > 0) {
		const bytes = Buffer.from(await input.photo.arrayBuffer());
		const checked = checkPhoto(bytes);
		if (checked.ok) photo = { type: checked.type, bytes };
		else errors.photo = checked.message;
	}
	if (Object.keys(errors).length) throw new InputError(errors);
	const { photo: _file, ...fields } = input;
	return db.transaction(async (tx) => {
		const [appeal] = await tx
			.insert(appeals)
			.values({ id: newId(), ...fields, hasPhoto: photo !== null, createdBy: actor.id })
			.returning();
		if (photo) await tx.insert(appealPhotos).values({ appealId: appeal.id, contentType: photo.type, bytes: photo.bytes });
		const recipients = await tx
			.select({ id: heroSubscribers.id, email: heroSubscribers.email, firstName: heroSubscribers.firstName })
			.from(heroSubscribers)
			.where(
				and(
					eq(heroSubscribers.status, 'confirmed'),
					or(isNull(heroSubscribers.region), eq(heroSubscribers.region, appeal.region))
				)
			);
		const headline = appealHeadline(appeal);
		for (const hero of recipients) {
			const outboxId = await enqueueHeroMail(tx, hero.id, {
				to: hero.email,
				kind: 'hero-appeal',
				subject: `Missing: ${headline}`,
				text: `${hero.firstName ? `Hello ${hero.firstName},\n\n` : ''}Please look out for ${appeal.firstName}, aged ${appeal.age}, missing since ${formatDate(`${appeal.missingSince}T12:00:00Z`)} from ${appeal.place ? `${appeal.place}, ` : ''}${REGION_LABELS[appeal.region]}.\n\n${appeal.description}\n\nSee the appeal, share it, or report a sighting:\n${link(`/appeals/${appeal.id}`)}\n\nIf you think someone is in immediate danger, call 999.`
			});
			await tx.insert(appealMails).values({ appealId: appeal.id, outboxId });
		}
		// The audit keeps what happened, not who: the appeal's details leave the database when it is removed.
		await audit(tx, {
			actorId: actor.id,
			entity: 'appeal',
			entityId: appeal.id,
			action: 'publish',
			after: { region: appeal.region, photo: photo !== null, mailed: recipients.length }
		});
		return { appeal, mailed: recipients.length };
	});
}

/** Removes an appeal and everything about the person: photo, sightings, and its mail (sent or still waiting). */
export async function removeAppeal(actor: SessionUser, appealId: string) {
	assertStaff(actor);
	await db.transaction(async (tx) => {
		const [appeal] = await tx.select({ id: appeals.id, region: appeals.region }).from(appeals).where(eq(appeals.id, appealId));
		if (!appeal) throw new NotFoundError();
		const mails = await tx.select({ id: appealMails.outboxId }).from(appealMails).where(eq(appealMails.appealId, appealId));
		if (mails.length) await tx.delete(outbox).where(inArray(outbox.id, mails.map((m) => m.id)));
		// Cascades to the photo, sightings and remaining mail links.
		await tx.delete(appeals).where(eq(appeals.id, appealId));
		await audit(tx, {
			actorId: actor.id,
			entity: 'appeal',
			entityId: appealId,
			action: 'remove',
			before: { region: appeal.region },
			after: { mailWithdrawn: mails.length }
		});
	});
}

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
