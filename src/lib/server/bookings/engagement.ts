// From a consultation to a prospect area.
import { and, eq, or, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { areas, bookings } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { ConflictError, InputError } from '$lib/server/errors';
import { addLead, grantMembership } from '$lib/server/areas';
import type { SessionUser } from '$lib/server/auth/session';
import { getBooking } from './pipeline';

function slugify(text: string) {
	return (
		text
			.toLowerCase()
			.normalize('NFKD')
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 40)
			.replace(/-+$/, '') || 'area'
	);
}

/**
 * Starts an engagement from a consultation: a `prospect` area named after the lead's local area, led by the acting
 * consultant, with the lead invited as a partner (editor). Once per booking.
 */
export async function startEngagement(user: SessionUser, id: string, version: number) {
	const { booking } = await getBooking(user, id);
	if (booking.engagementAreaId) throw new InputError({ _form: 'An engagement has already been started from this consultation.' });
	if (booking.anonymisedAt) throw new InputError({ _form: 'This consultation has been anonymised.' });
	if (booking.version !== version) throw new ConflictError();
	return db.transaction(async (tx) => {
		const base = slugify(booking.localArea);
		const taken = await tx
			.select({ slug: areas.slug })
			.from(areas)
			.where(or(eq(areas.slug, base), sql`${areas.slug} like ${base + '-%'}`));
		let slug = base.length >= 3 ? base : `${base}-area`;
		for (let n = 2; taken.some((t) => t.slug === slug); n++) slug = `${base}-${n}`;
		const [area] = await tx
			.insert(areas)
			.values({
				id: newId(),
				slug,
				name: booking.localArea,
				policeForce: booking.organisationType === 'police' ? booking.organisation : 'To be confirmed',
				localAuthorities: booking.organisationType === 'local_authority' ? booking.organisation : '',
				status: 'prospect',
				description: booking.situation,
				createdBy: user.id
			})
			.returning();
		await addLead(tx, user, area.id);
		await audit(tx, { actorId: user.id, areaId: area.id, entity: 'area', entityId: area.id, action: 'create', after: area });
		if (booking.email.toLowerCase() !== user.email.toLowerCase()) {
			// The consultation page has no email field: an address refused for the invitation (on the suppression list)
			// is said at the top of the form.
			await grantMembership(tx, user, area, booking.email, 'editor').catch((err) => {
				if (err instanceof InputError && err.errors.email) throw new InputError({ _form: err.errors.email });
				throw err;
			});
		}
		const [updated] = await tx
			.update(bookings)
			.set({ engagementAreaId: area.id, version: sql`${bookings.version} + 1`, updatedAt: new Date(), lastContactAt: new Date() })
			.where(and(eq(bookings.id, id), eq(bookings.version, version)))
			.returning();
		if (!updated) throw new ConflictError();
		await audit(tx, { actorId: user.id, areaId: area.id, entity: 'booking', entityId: id, action: 'start-engagement', before: booking, after: updated });
		return area;
	});
}
