// Digital Search Heroes subscriptions: double opt-in, preferences and one-click unsubscribe, by hashed link tokens.
import { and, eq, gt, inArray, lt, or, sql } from 'drizzle-orm';
import { db, type Executor } from '$lib/server/db';
import { appealDeliveries, heroSubscribers, heroTokens, outbox, type HeroSubscriber } from '$lib/server/db/schema';
import { hashToken, newId, newToken } from '$lib/server/ids';
import { enqueueMail, link } from '$lib/server/mail';
import { config } from '$lib/server/config';
import { takeFromWindow } from '$lib/server/auth/rate-limit';
import { HERO_SIGN_UP_PER_ADDRESS } from '$lib/domain/rate-limit';
import { unsuppress } from '$lib/server/privacy/suppression';
import {
	CONFIRM_LINK_DAYS,
	CONSENT_METHOD,
	CONSENT_WORDING,
	MANAGE_LINK_DAYS,
	type Region
} from '$lib/domain/heroes';

const DAY = 24 * 60 * 60 * 1000;

async function issueToken(tx: Executor, subscriberId: string, purpose: 'confirm' | 'manage') {
	const token = newToken();
	const days = purpose === 'confirm' ? CONFIRM_LINK_DAYS : MANAGE_LINK_DAYS;
	await tx.insert(heroTokens).values({
		tokenHash: hashToken(token),
		subscriberId,
		purpose,
		expiresAt: new Date(Date.now() + days * DAY)
	});
	return token;
}

export interface HeroMail {
	to: string;
	subject: string;
	/** The body before the footer with the preferences link. */
	text: string;
	kind: string;
}

/**
 * Writes a mail to one subscriber with a fresh manage token: a preferences link in the body, and List-Unsubscribe
 * headers (RFC 8058) so that mail providers can offer one-click unsubscribe.
 */
export async function enqueueHeroMail(tx: Executor, subscriberId: string, mail: HeroMail) {
	const token = await issueToken(tx, subscriberId, 'manage');
	const unsubscribe = link(`/search-heroes/unsubscribe/${token}`);
	return enqueueMail(tx, {
		...mail,
		text: `${mail.text}\n\n--\nYou get this because you signed up as a Digital Search Hero with ${config.orgName}.\nChange your region or unsubscribe: ${link(`/search-heroes/preferences/${token}`)}`,
		headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
	});
}

export interface SignUpInput {
	email: string;
	firstName: string;
	region: Region | null;
	/** The honeypot: people leave it empty. */
	website: string;
}

/**
 * Records consent and emails a confirmation link. Says the same whatever the address's state, so the form never
 * reveals who has signed up; an address already confirmed gets a note with its preferences link instead.
 */
export async function signUp(input: SignUpInput, clientAddress: string) {
	await takeFromWindow('hero-sign-up', clientAddress, HERO_SIGN_UP_PER_ADDRESS);
	if (input.website) return;
	const email = input.email.trim().toLowerCase();
	await db.transaction(async (tx) => {
		const [existing] = await tx
			.select()
			.from(heroSubscribers)
			.where(eq(sql`lower(${heroSubscribers.email})`, email));
		const now = new Date();
		if (existing?.status === 'confirmed') {
			await enqueueHeroMail(tx, existing.id, {
				to: existing.email,
				kind: 'hero-already-subscribed',
				subject: `You are already a Digital Search Hero`,
				text: `Someone (we hope you) asked to sign this address up for missing-person appeals from ${config.orgName}.\n\nYou are already signed up, so nothing has changed. To change your region, use the link below.`
			});
			return;
		}
		const consent = { consentWording: CONSENT_WORDING, consentAt: now, consentMethod: CONSENT_METHOD };
		let id: string;
		if (existing) {
			id = existing.id;
			await tx
				.update(heroSubscribers)
				.set({ firstName: input.firstName, region: input.region, status: 'pending', ...consent, unsubscribedAt: null, updatedAt: now })
				.where(eq(heroSubscribers.id, id));
		} else {
			id = newId();
			await tx
				.insert(heroSubscribers)
				.values({ id, email, firstName: input.firstName, region: input.region, ...consent });
		}
		const token = await issueToken(tx, id, 'confirm');
		await enqueueHeroMail(tx, id, {
			to: email,
			kind: 'hero-confirm',
			subject: `Confirm you want appeal emails from ${config.orgName}`,
			text: `${input.firstName ? `Hello ${input.firstName},\n\n` : ''}Thank you for offering to help find people who are missing.\n\nTo start getting appeal emails, open this link and press "Confirm my sign-up" (the link works for ${CONFIRM_LINK_DAYS} days):\n${link(`/search-heroes/confirm/${token}`)}\n\nIf you did not ask for this, ignore this email and nothing will be sent.`
		});
	});
}

async function subscriberByToken(token: string, purposes: ('confirm' | 'manage')[]) {
	if (!/^[a-z0-9]{16,64}$/.test(token)) return null;
	const [row] = await db
		.select({ subscriber: heroSubscribers, purpose: heroTokens.purpose })
		.from(heroTokens)
		.innerJoin(heroSubscribers, eq(heroSubscribers.id, heroTokens.subscriberId))
		.where(and(eq(heroTokens.tokenHash, hashToken(token)), gt(heroTokens.expiresAt, new Date())));
	if (!row || !purposes.includes(row.purpose)) return null;
	return row.subscriber;
}

/** What the confirm page shows: whether the link is usable, and for whom. */
export async function findConfirmation(token: string) {
	const subscriber = await subscriberByToken(token, ['confirm']);
	return subscriber ? { email: subscriber.email, status: subscriber.status } : null;
}

/**
 * Confirms by POST only (mail scanners follow GET links): the link is used up, the subscriber starts getting appeals.
 * This is the fresh opt-in that takes an erased address off the suppression list: the owner of the address has just
 * asked for it themselves.
 */
export async function confirmSubscription(token: string): Promise<boolean> {
	const subscriber = await subscriberByToken(token, ['confirm']);
	if (!subscriber) return false;
	await db.transaction(async (tx) => {
		await tx.delete(heroTokens).where(eq(heroTokens.tokenHash, hashToken(token)));
		if (subscriber.status === 'confirmed') return;
		await unsuppress(tx, subscriber.email);
		const now = new Date();
		await tx
			.update(heroSubscribers)
			.set({ status: 'confirmed', confirmedAt: now, unsubscribedAt: null, updatedAt: now })
			.where(eq(heroSubscribers.id, subscriber.id));
	});
	return true;
}

export type SubscriberView = Pick<HeroSubscriber, 'email' | 'firstName' | 'region' | 'status'>;

export async function findByManageToken(token: string): Promise<SubscriberView | null> {
	const s = await subscriberByToken(token, ['manage']);
	return s ? { email: s.email, firstName: s.firstName, region: s.region, status: s.status } : null;
}

export async function updatePreferences(token: string, input: { firstName: string; region: Region | null }) {
	const subscriber = await subscriberByToken(token, ['manage']);
	// After unsubscribing, signing up again needs fresh consent through the sign-up form.
	if (!subscriber || subscriber.status === 'unsubscribed') return false;
	await db
		.update(heroSubscribers)
		.set({ firstName: input.firstName, region: input.region, updatedAt: new Date() })
		.where(eq(heroSubscribers.id, subscriber.id));
	return true;
}

/**
 * Ends the subscription at once: no further mail, every outstanding link withdrawn, the first name forgotten. The
 * address and consent record stay as proof of what was agreed and when it was withdrawn, until the purge.
 */
export async function unsubscribe(token: string): Promise<boolean> {
	const subscriber = await subscriberByToken(token, ['manage']);
	if (!subscriber) return false;
	await db.transaction(async (tx) => {
		const now = new Date();
		await tx
			.update(heroSubscribers)
			.set({ status: 'unsubscribed', unsubscribedAt: now, firstName: '', region: null, updatedAt: now })
			.where(eq(heroSubscribers.id, subscriber.id));
		await tx
			.delete(heroTokens)
			.where(and(eq(heroTokens.subscriberId, subscriber.id), eq(heroTokens.purpose, 'confirm')));
		// A digest written but not yet sent is withdrawn too.
		const waiting = tx
			.select({ id: appealDeliveries.outboxId })
			.from(appealDeliveries)
			.where(eq(appealDeliveries.subscriberId, subscriber.id));
		await tx.delete(outbox).where(and(inArray(outbox.id, waiting), eq(outbox.status, 'pending')));
	});
	return true;
}

