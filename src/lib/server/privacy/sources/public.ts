// What the public front door collects: consultation bookings, partner enquiries, Search Heroes and sightings.
import { eq, inArray, or, sql } from 'drizzle-orm';
import { bookings, heroSubscribers, partnerEnquiries, sightings } from '$lib/server/db/schema';
import { audit } from '$lib/server/audit';
import { ANONYMISED } from '$lib/server/bookings';
import { ERASED, holds, scrubbedText } from '../match';
import type { PersonalDataSource } from '../types';

const day = (value: unknown) => new Date(value as Date).toISOString().slice(0, 10);

export const bookingsSource: PersonalDataSource = {
	id: 'bookings',
	label: 'Consultation bookings',
	find: (db, email) =>
		db
			.select({
				id: bookings.id,
				startsAt: bookings.startsAt,
				status: bookings.status,
				leadName: bookings.leadName,
				leadRole: bookings.leadRole,
				organisation: bookings.organisation,
				localArea: bookings.localArea,
				email: bookings.email,
				phone: bookings.phone,
				situation: bookings.situation,
				notes: bookings.notes,
				consentAt: bookings.consentAt,
				createdAt: bookings.createdAt
			})
			.from(bookings)
			.where(eq(sql`lower(${bookings.email})`, email)),
	describe: (r) => `Consultation on ${day(r.startsAt)} (${r.status}) for ${r.organisation}`,
	async erase(tx, subject) {
		const leads = await tx
			.select({ id: bookings.id, leadName: bookings.leadName, phone: bookings.phone })
			.from(bookings)
			.where(eq(sql`lower(${bookings.email})`, subject.email));
		if (leads.length === 0) return 0;
		// Anonymised as the retention job does: the consultant's calendar keeps the slot, the lead is gone.
		await tx
			.update(bookings)
			.set({
				leadName: ANONYMISED,
				leadRole: '',
				email: sql`'anonymised-' || ${bookings.id} || '@invalid'`,
				phone: '',
				situation: '',
				notes: '',
				tokenExpiresAt: subject.now,
				anonymisedAt: subject.now
			})
			.where(inArray(bookings.id, leads.map((l) => l.id)));
		for (const lead of leads) {
			// The phone number is scrubbed from other mail with the name.
			subject.names.push(lead.leadName, lead.phone);
			subject.auditRefs.push({ entity: 'booking', entityId: lead.id });
			await audit(tx, { actorId: subject.actor.id, entity: 'booking', entityId: lead.id, action: 'erase', after: { anonymisedAt: subject.now } });
		}
		return leads.length;
	}
};

export const enquiriesSource: PersonalDataSource = {
	id: 'enquiries',
	label: 'Partner enquiries',
	find: (db, email) => db.select().from(partnerEnquiries).where(eq(sql`lower(${partnerEnquiries.email})`, email)),
	describe: (r) => `Enquiry (${r.topic}) from ${r.organisation} on ${day(r.createdAt)} (${r.status})`,
	async erase(tx, subject) {
		const gone = await tx
			.delete(partnerEnquiries)
			.where(eq(sql`lower(${partnerEnquiries.email})`, subject.email))
			.returning({ id: partnerEnquiries.id, name: partnerEnquiries.name });
		for (const enquiry of gone) {
			subject.names.push(enquiry.name);
			subject.auditRefs.push({ entity: 'partner-enquiry', entityId: enquiry.id });
			await audit(tx, { actorId: subject.actor.id, entity: 'partner-enquiry', entityId: enquiry.id, action: 'erase' });
		}
		return gone.length;
	}
};

export const heroesSource: PersonalDataSource = {
	id: 'search-heroes',
	label: 'Digital Search Heroes subscriptions',
	find: (db, email) =>
		db
			.select({
				id: heroSubscribers.id,
				email: heroSubscribers.email,
				firstName: heroSubscribers.firstName,
				region: heroSubscribers.region,
				status: heroSubscribers.status,
				consentWording: heroSubscribers.consentWording,
				consentAt: heroSubscribers.consentAt,
				consentMethod: heroSubscribers.consentMethod,
				confirmedAt: heroSubscribers.confirmedAt,
				unsubscribedAt: heroSubscribers.unsubscribedAt
			})
			.from(heroSubscribers)
			.where(eq(sql`lower(${heroSubscribers.email})`, email)),
	describe: (r) => `Subscriber (${r.status}) since ${day(r.consentAt)}`,
	async erase(tx, subject) {
		// Their link tokens go with them (cascade); the suppression list remembers that they asked.
		const gone = await tx
			.delete(heroSubscribers)
			.where(eq(sql`lower(${heroSubscribers.email})`, subject.email))
			.returning({ id: heroSubscribers.id, firstName: heroSubscribers.firstName });
		for (const s of gone) subject.names.push(s.firstName);
		return gone.length;
	}
};

const sightingText = [sightings.contactName, sightings.contactDetails, sightings.seenWhen, sightings.seenWhere, sightings.whatSeen] as const;

export const sightingsSource: PersonalDataSource = {
	id: 'sightings',
	label: 'Sightings reported (as the contact)',
	find: (db, email) =>
		db
			.select({
				id: sightings.id,
				appealId: sightings.appealId,
				seenWhen: sightings.seenWhen,
				seenWhere: sightings.seenWhere,
				whatSeen: sightings.whatSeen,
				contactName: sightings.contactName,
				contactDetails: sightings.contactDetails,
				status: sightings.status,
				createdAt: sightings.createdAt
			})
			.from(sightings)
			.where(or(...sightingText.map((column) => holds(column, email)))),
	describe: (r) => `Sighting reported on ${day(r.createdAt)} (${r.status})`,
	async erase(tx, subject) {
		// What was seen is safeguarding information about someone else: it stays, without who reported it.
		const found = await tx
			.update(sightings)
			.set({
				contactName: '',
				contactDetails: ERASED,
				seenWhen: scrubbedText(sightings.seenWhen, subject.email),
				seenWhere: scrubbedText(sightings.seenWhere, subject.email),
				whatSeen: scrubbedText(sightings.whatSeen, subject.email)
			})
			.where(or(...sightingText.map((column) => holds(column, subject.email))))
			.returning({ id: sightings.id });
		return found.length;
	}
};
