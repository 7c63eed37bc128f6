// From a consultation to a prospect area.
import { and, eq, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { bookings } from '$lib/server/db/schema';
import { audit } from '$lib/server/audit';
import { ConflictError, InputError } from '$lib/server/errors';
import { freeSlug, grantMembership, insertArea } from '$lib/server/areas';
import { moveEnquiry } from '$lib/server/enquiries';
import type { SessionUser } from '$lib/server/auth/session';
import { getBooking } from './pipeline';

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
		const area = await insertArea(tx, user, {
			slug: await freeSlug(tx, booking.localArea),
			name: booking.localArea,
			policeForce: booking.organisationType === 'police' ? booking.organisation : 'To be confirmed',
			localAuthorities: booking.organisationType === 'local_authority' ? booking.organisation : '',
			status: 'prospect',
			description: booking.situation
		});
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
		// A consultation booked through an enquiry's offer carries that enquiry on to the prospect area.
		if (booking.enquiryId) await moveEnquiry(tx, user.id, booking.enquiryId, { status: 'prospect', areaId: area.id }, 'prospect-area');
		return area;
	});
}
