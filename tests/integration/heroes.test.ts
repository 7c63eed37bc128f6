import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { and, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import {
	appealPhotos,
	appeals,
	auditLog,
	heroSubscribers,
	heroTokens,
	outbox,
	sightings
} from '$lib/server/db/schema';
import {
	confirmSubscription,
	findByManageToken,
	findConfirmation,
	getAppeal,
	listAppeals,
	listSightings,
	markSightingHandled,
	publishAppeal,
	sendAppealDigests,
	removeAppeal,
	reportSighting,
	signUp,
	unsubscribe,
	updatePreferences
} from '$lib/server/heroes';
import { signUpSchema, appealSchema, sightingSchema } from '$lib/validators/heroes';
import { ConflictError, InputError, NotFoundError } from '$lib/server/errors';
import { RateLimitedError } from '$lib/server/auth/rate-limit';
import { CONSENT_WORDING, type Region } from '$lib/domain/heroes';
import { runRetention } from '$lib/server/retention';
import { useTestDatabase } from '../helpers/database';
import { makeUser } from '../helpers/factories';

useTestDatabase();

let address = 0;
const nextAddress = () => `192.0.2.${++address}`;

const mailsTo = (to: string, kind?: string) =>
	db.select().from(outbox).where(kind ? and(eq(outbox.to, to), eq(outbox.kind, kind)) : eq(outbox.to, to));

const tokenIn = (text: string, path: 'confirm' | 'preferences') => text.match(new RegExp(`/search-heroes/${path}/([a-z0-9]+)`))![1];

async function confirmedHero(email: string, region: Region | null = null) {
	await signUp({ email, firstName: 'Robin', region, website: '' }, nextAddress());
	const [mail] = await mailsTo(email, 'hero-confirm');
	expect(await confirmSubscription(tokenIn(mail.text, 'confirm'))).toBe(true);
	return mail;
}

const appealInput = (overrides: Partial<Parameters<typeof publishAppeal>[1]> = {}) => ({
	firstName: 'Jamie',
	age: 16,
	region: 'north-east' as const,
	place: 'Ashdale',
	missingSince: '2026-01-10',
	description: 'Slim build, short dark hair, last seen wearing a green coat.',
	...overrides
});

describe('sign-up and double opt-in', () => {
	it('records consent with wording, time and method, and sends a confirmation link with one-click unsubscribe', async () => {
		await signUp({ email: 'hero1@example.test', firstName: 'Ada', region: 'london', website: '' }, nextAddress());
		const [row] = await db.select().from(heroSubscribers).where(eq(heroSubscribers.email, 'hero1@example.test'));
		expect(row).toMatchObject({ status: 'pending', region: 'london', firstName: 'Ada', consentWording: CONSENT_WORDING });
		expect(row.consentMethod).toMatch(/\/search-heroes/);
		expect(Date.now() - row.consentAt.getTime()).toBeLessThan(60_000);
		const [mail] = await mailsTo('hero1@example.test', 'hero-confirm');
		expect(mail.headers['List-Unsubscribe']).toMatch(/^<http:\/\/\S+\/search-heroes\/unsubscribe\/[a-z0-9]+>$/);
		expect(mail.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
		expect(mail.text).toMatch(/\/search-heroes\/preferences\/[a-z0-9]+/);
		// Only hashes are stored.
		const token = tokenIn(mail.text, 'confirm');
		const stored = await db.select().from(heroTokens).where(eq(heroTokens.subscriberId, row.id));
		expect(stored.some((t) => t.tokenHash === token)).toBe(false);
		expect(await findConfirmation(token)).toEqual({ email: 'hero1@example.test', status: 'pending' });
	});

	it('confirms once through the emailed link, and the link is then used up', async () => {
		await signUp({ email: 'hero2@example.test', firstName: '', region: null, website: '' }, nextAddress());
		const [mail] = await mailsTo('hero2@example.test', 'hero-confirm');
		const token = tokenIn(mail.text, 'confirm');
		expect(await confirmSubscription(token)).toBe(true);
		const [row] = await db.select().from(heroSubscribers).where(eq(heroSubscribers.email, 'hero2@example.test'));
		expect(row.status).toBe('confirmed');
		expect(row.confirmedAt).toBeInstanceOf(Date);
		expect(await confirmSubscription(token)).toBe(false);
		expect(await confirmSubscription('notatokenatallnotatoken')).toBe(false);
	});

	it('a manage token cannot confirm, and a confirm token cannot unsubscribe', async () => {
		await signUp({ email: 'hero3@example.test', firstName: '', region: null, website: '' }, nextAddress());
		const [mail] = await mailsTo('hero3@example.test', 'hero-confirm');
		expect(await confirmSubscription(tokenIn(mail.text, 'preferences'))).toBe(false);
		expect(await unsubscribe(tokenIn(mail.text, 'confirm'))).toBe(false);
	});

	it('stores nothing for a filled honeypot', async () => {
		await signUp({ email: 'bot@example.test', firstName: '', region: null, website: 'http://spam.example' }, nextAddress());
		expect(await db.select().from(heroSubscribers).where(eq(heroSubscribers.email, 'bot@example.test'))).toHaveLength(0);
		expect(await mailsTo('bot@example.test')).toHaveLength(0);
	});

	it('refuses the sixth sign-up from one address within 15 minutes', async () => {
		const ip = '198.51.100.20';
		for (let i = 0; i < 5; i++) await signUp({ email: `burst${i}@example.test`, firstName: '', region: null, website: '' }, ip);
		const err = await signUp({ email: 'burst5@example.test', firstName: '', region: null, website: '' }, ip).catch((e) => e);
		expect(err).toBeInstanceOf(RateLimitedError);
		expect(await db.select().from(heroSubscribers).where(eq(heroSubscribers.email, 'burst5@example.test'))).toHaveLength(0);
	});

	it('tells an address already confirmed nothing new and keeps it confirmed', async () => {
		await confirmedHero('hero4@example.test');
		await signUp({ email: 'HERO4@example.test', firstName: 'X', region: 'wales', website: '' }, nextAddress());
		const [row] = await db.select().from(heroSubscribers).where(eq(heroSubscribers.email, 'hero4@example.test'));
		expect(row).toMatchObject({ status: 'confirmed', region: null });
		expect(await mailsTo('hero4@example.test', 'hero-already-subscribed')).toHaveLength(1);
	});

	it('rejects a sign-up without the consent box ticked, or with unknown fields', () => {
		const missing = signUpSchema.safeParse({ email: 'a@example.test' });
		expect(missing.success).toBe(false);
		expect(missing.error!.issues.map((i) => i.path[0])).toContain('consent');
		expect(signUpSchema.safeParse({ email: 'a@example.test', consent: 'yes', admin: '1' }).success).toBe(false);
		expect(signUpSchema.safeParse({ email: 'a@example.test', consent: 'yes', region: 'atlantis' }).success).toBe(false);
		expect(signUpSchema.parse({ email: 'a@example.test', consent: 'yes', region: '' }).region).toBeNull();
	});
});

describe('preferences and unsubscribe', () => {
	it('changes region by the tokenised link, and one-click unsubscribe stops all appeal mail', async () => {
		const mail = await confirmedHero('hero5@example.test', 'london');
		const manage = tokenIn(mail.text, 'preferences');
		expect(await updatePreferences(manage, { firstName: 'Robin', region: 'wales' })).toBe(true);
		expect(await findByManageToken(manage)).toMatchObject({ region: 'wales', status: 'confirmed' });

		const headerToken = mail.headers['List-Unsubscribe'].match(/unsubscribe\/([a-z0-9]+)>/)![1];
		expect(await unsubscribe(headerToken)).toBe(true);
		const [row] = await db.select().from(heroSubscribers).where(eq(heroSubscribers.email, 'hero5@example.test'));
		expect(row).toMatchObject({ status: 'unsubscribed', firstName: '' });
		expect(await updatePreferences(manage, { firstName: 'Back', region: null })).toBe(false);

		const staff = await makeUser('consultant');
		await publishAppeal(staff, appealInput({ region: 'wales' }));
		await sendAppealDigests();
		expect(await mailsTo('hero5@example.test', 'hero-appeal')).toHaveLength(0);
	});
});

describe('appeals', () => {
	it('mail only confirmed heroes of the appeal region or of every region, each with unsubscribe headers', async () => {
		await confirmedHero('ne@example.test', 'north-east');
		await confirmedHero('all@example.test', null);
		await confirmedHero('sw@example.test', 'south-west');
		await signUp({ email: 'pending@example.test', firstName: '', region: null, website: '' }, nextAddress());
		const staff = await makeUser('consultant');
		const appeal = await publishAppeal(staff, appealInput());
		expect(await mailsTo('ne@example.test', 'hero-appeal')).toHaveLength(0);
		expect(await sendAppealDigests()).toBeGreaterThanOrEqual(2);
		for (const to of ['ne@example.test', 'all@example.test']) {
			const [mail] = await mailsTo(to, 'hero-appeal');
			expect(mail.subject).toBe('Missing: Jamie, 16, missing from Ashdale, North East England');
			expect(mail.text).toContain(`/appeals/${appeal.id}`);
			expect(mail.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
		}
		expect(await mailsTo('sw@example.test', 'hero-appeal')).toHaveLength(0);
		expect(await mailsTo('pending@example.test', 'hero-appeal')).toHaveLength(0);
	});

	it('are published by staff only', async () => {
		const partner = await makeUser('partner');
		await expect(publishAppeal(partner, appealInput())).rejects.toThrow(NotFoundError);
	});

	it('refuse a future date and a photo that is not JPEG or PNG, storing nothing', async () => {
		const staff = await makeUser('admin');
		const before = (await listAppeals()).length;
		const err = await publishAppeal(
			staff,
			appealInput({ missingSince: '2026-05-02', photo: new File(['<svg onload=alert(1)>'], 'x.jpg', { type: 'image/jpeg' }) }),
			new Date('2026-05-01T12:00:00Z')
		).catch((e) => e);
		expect(err).toBeInstanceOf(InputError);
		expect(err.errors).toEqual({
			missingSince: 'The date they went missing cannot be in the future.',
			photo: 'Choose a JPEG or PNG photo.'
		});
		expect(await listAppeals()).toHaveLength(before);
		expect(appealSchema.safeParse({ ...appealInput(), age: '121' }).success).toBe(false);
		expect(appealSchema.safeParse({ ...appealInput(), age: '' }).success).toBe(false);
		expect(appealSchema.safeParse({ ...appealInput(), age: '3.5' }).success).toBe(false);
		expect(appealSchema.parse({ ...appealInput(), age: ' 34 ' }).age).toBe(34);
		expect(appealSchema.safeParse({ ...appealInput(), missingSince: '2026-02-30' }).success).toBe(false);
	});

	it('when removed, disappear with their photo, sightings and every mail they caused', async () => {
		await confirmedHero('remove@example.test', 'london');
		const staff = await makeUser('consultant');
		const png = await sharp({ create: { width: 4, height: 3, channels: 3, background: '#336699' } }).png().toBuffer();
		const appeal = await publishAppeal(staff, appealInput({ region: 'london', photo: new File([png], 'p.png') }));
		const [photo] = await db.select().from(appealPhotos).where(eq(appealPhotos.appealId, appeal.id));
		expect(photo.contentType).toBe('image/png');
		// Stored as Homeward encoded it (see uploads.test.ts): the same picture.
		expect(await sharp(photo.bytes).metadata()).toMatchObject({ format: 'png', width: 4, height: 3 });
		await reportSighting(appeal.id, { seenWhen: 'Today', seenWhere: 'Bus station', whatSeen: 'A green coat', contactName: '', contactDetails: '', website: '' }, nextAddress());
		await sendAppealDigests();
		expect(await mailsTo('remove@example.test', 'hero-appeal')).toHaveLength(1);

		await removeAppeal(staff, appeal.id);
		expect(await getAppeal(appeal.id)).toBeNull();
		expect((await listAppeals()).map((a) => a.id)).not.toContain(appeal.id);
		expect(await db.select().from(appealPhotos).where(eq(appealPhotos.appealId, appeal.id))).toHaveLength(0);
		expect(await db.select().from(sightings).where(eq(sightings.appealId, appeal.id))).toHaveLength(0);
		expect(await mailsTo('remove@example.test', 'hero-appeal')).toHaveLength(0);
		const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, appeal.id), eq(auditLog.action, 'remove')));
		expect(entry.actorId).toBe(staff.id);
		expect(JSON.stringify(entry)).not.toContain('Jamie');
		await expect(removeAppeal(staff, appeal.id)).rejects.toThrow(NotFoundError);
	});
});

describe('appeal digests', () => {
	it('bundle every new appeal of the region into one mail per hero, and never send an appeal twice', async () => {
		await confirmedHero('digest@example.test', 'northern-ireland');
		const staff = await makeUser('consultant');
		const first = await publishAppeal(staff, appealInput({ firstName: 'Alys', region: 'northern-ireland' }));
		const second = await publishAppeal(staff, appealInput({ firstName: 'Bryn', region: 'northern-ireland' }));
		await publishAppeal(staff, appealInput({ firstName: 'Cal', region: 'scotland' }));
		// Two instances running the job at the same moment.
		await Promise.all([sendAppealDigests(), sendAppealDigests()]);
		const [mail, ...more] = await mailsTo('digest@example.test', 'hero-appeal');
		expect(more).toHaveLength(0);
		expect(mail.subject).toBe('2 people are missing: new appeals');
		expect(mail.text).toContain(`/appeals/${first.id}`);
		expect(mail.text).toContain(`/appeals/${second.id}`);
		expect(mail.text).not.toContain('Cal,');
		expect(mail.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
		await sendAppealDigests();
		expect(await mailsTo('digest@example.test', 'hero-appeal')).toHaveLength(1);
	});

	it('lose a removed appeal before they are sent, and the other appeals of that mail go in the next one', async () => {
		await confirmedHero('pending-digest@example.test', 'east-midlands');
		const staff = await makeUser('consultant');
		const found = await publishAppeal(staff, appealInput({ firstName: 'Dee', region: 'east-midlands' }));
		const other = await publishAppeal(staff, appealInput({ firstName: 'Eli', region: 'east-midlands' }));
		await sendAppealDigests();
		expect(await mailsTo('pending-digest@example.test', 'hero-appeal')).toHaveLength(1);

		await removeAppeal(staff, found.id);
		expect(await mailsTo('pending-digest@example.test', 'hero-appeal')).toHaveLength(0);
		await sendAppealDigests();
		const [mail, ...more] = await mailsTo('pending-digest@example.test', 'hero-appeal');
		expect(more).toHaveLength(0);
		expect(mail.subject).toBe('Missing: Eli, 16, missing from Ashdale, East Midlands');
		expect(mail.text).toContain(`/appeals/${other.id}`);
		expect(mail.text).not.toContain('Dee');
	});

	it('when asked, tell the heroes who received a removed appeal that the person was found, and nothing more', async () => {
		await confirmedHero('received@example.test', 'wales');
		await confirmedHero('queued@example.test', 'wales');
		await confirmedHero('elsewhere@example.test', 'scotland');
		const staff = await makeUser('consultant');
		const found = await publishAppeal(staff, appealInput({ firstName: 'Ffion', place: 'Cwmbrook', region: 'wales' }));
		await sendAppealDigests();
		// Only the first hero's digest went out: the second's is still waiting in the outbox when the appeal is removed.
		const [sent] = await mailsTo('received@example.test', 'hero-appeal');
		await db.update(outbox).set({ status: 'sent' }).where(eq(outbox.id, sent.id));

		await removeAppeal(staff, found.id, { tellHeroes: true });
		const [told, ...twice] = await mailsTo('received@example.test', 'hero-found');
		expect(twice).toHaveLength(0);
		expect(told.subject).toBe('Good news: someone you looked out for has been found');
		for (const detail of ['Ffion', 'Cwmbrook', 'Wales', 'aged', found.id, 'photo']) expect(told.text).not.toContain(detail);
		expect(told.headers['List-Unsubscribe']).toBeTruthy();
		// Never reached by the appeal, so not told either.
		expect(await mailsTo('queued@example.test', 'hero-found')).toHaveLength(0);
		expect(await mailsTo('elsewhere@example.test', 'hero-found')).toHaveLength(0);
		const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, found.id), eq(auditLog.action, 'remove')));
		expect(entry.after).toMatchObject({ heroesTold: 1 });
	});

	it('without the tick, a removal tells no hero', async () => {
		await confirmedHero('untold@example.test', 'london');
		const staff = await makeUser('consultant');
		const found = await publishAppeal(staff, appealInput({ firstName: 'Gus', region: 'london' }));
		await sendAppealDigests();
		const [sent] = await mailsTo('untold@example.test', 'hero-appeal');
		await db.update(outbox).set({ status: 'sent' }).where(eq(outbox.id, sent.id));
		await removeAppeal(staff, found.id);
		expect(await mailsTo('untold@example.test', 'hero-found')).toHaveLength(0);
	});

	it('are withdrawn when the hero unsubscribes before they go', async () => {
		const confirm = await confirmedHero('leaving@example.test', 'yorkshire-humber');
		const staff = await makeUser('consultant');
		await publishAppeal(staff, appealInput({ region: 'yorkshire-humber' }));
		await sendAppealDigests();
		expect(await mailsTo('leaving@example.test', 'hero-appeal')).toHaveLength(1);
		expect(await unsubscribe(tokenIn(confirm.text, 'preferences'))).toBe(true);
		expect(await mailsTo('leaving@example.test', 'hero-appeal')).toHaveLength(0);
	});
});

describe('sightings', () => {
	const sighting = { seenWhen: 'Yesterday about 6pm', seenWhere: 'Outside the library', whatSeen: 'Someone in a green coat', contactName: '', contactDetails: '07700 900123', website: '' };

	it('are stored for staff, who are told by mail without the details; partners cannot list them', async () => {
		const staff = await makeUser('consultant');
		const partner = await makeUser('partner');
		const appeal = await publishAppeal(staff, appealInput());
		await reportSighting(appeal.id, sighting, nextAddress());
		const list = await listSightings(staff);
		expect(list.find((s) => s.appealId === appeal.id)).toMatchObject({ seenWhere: 'Outside the library', status: 'new', appealName: 'Jamie' });
		const [mail] = await mailsTo(staff.email, 'sighting');
		expect(mail.text).toContain('/app/sightings');
		expect(mail.text).not.toContain('library');
		expect(() => listSightings(partner)).toThrow(NotFoundError);
	});

	it('are refused for an appeal that does not exist, and rate limited per address', async () => {
		await expect(reportSighting('nosuchappeal', sighting, nextAddress())).rejects.toThrow(NotFoundError);
		const staff = await makeUser('consultant');
		const appeal = await publishAppeal(staff, appealInput());
		const ip = '198.51.100.30';
		for (let i = 0; i < 5; i++) await reportSighting(appeal.id, sighting, ip);
		await expect(reportSighting(appeal.id, sighting, ip)).rejects.toThrow(RateLimitedError);
		expect(sightingSchema.safeParse({ ...sighting, whatSeen: ' ' }).success).toBe(false);
	});

	it('are marked handled once (a stale version is a conflict) and purged after the retention period', async () => {
		const staff = await makeUser('consultant');
		const appeal = await publishAppeal(staff, appealInput());
		await reportSighting(appeal.id, sighting, nextAddress());
		const [row] = await db.select().from(sightings).where(eq(sightings.appealId, appeal.id));
		await markSightingHandled(staff, row.id, row.version);
		await expect(markSightingHandled(staff, row.id, row.version)).rejects.toThrow(ConflictError);
		const [audited] = await db.select().from(auditLog).where(eq(auditLog.entityId, row.id));
		expect(audited).toMatchObject({ actorId: staff.id, action: 'handle' });
		expect(JSON.stringify(audited.after)).not.toContain('library');

		// Kept SIGHTING_RETENTION_DAYS (30) after being handled, then removed by the retention job.
		const purged = async (days: number) => (await runRetention(new Date(Date.now() + days * 86_400_000)))!.sightings;
		expect(await purged(29)).toBe(0);
		expect(await purged(31)).toBeGreaterThanOrEqual(1);
		expect(await db.select().from(sightings).where(eq(sightings.id, row.id))).toHaveLength(0);
		// Unhandled sightings stay.
		await reportSighting(appeal.id, sighting, nextAddress());
		expect(await purged(365)).toBe(0);
		expect(await db.select().from(sightings).where(eq(sightings.appealId, appeal.id))).toHaveLength(1);
	});
});

describe('database invariants', () => {
	it('refuse an age out of range and an unknown region', async () => {
		await expect(
			db.insert(appeals).values({ id: 'bad1', firstName: 'X', age: 130, region: 'london', missingSince: '2026-01-01', description: 'x' })
		).rejects.toThrow();
		await expect(
			db.insert(appeals).values({ id: 'bad2', firstName: 'X', age: 30, region: 'mars' as Region, missingSince: '2026-01-01', description: 'x' })
		).rejects.toThrow();
	});
});
