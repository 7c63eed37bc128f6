// Consultants taking bookings, and a valid intake, for the booking tests. Fictional people only.
import { db } from '$lib/server/db';
import { availability } from '$lib/server/db/schema';
import type { WeeklyHours } from '$lib/domain/slots';
import type { IntakeInput } from '$lib/server/bookings';
import { makeUser } from './factories';

export const WEEKDAYS_9_TO_5: WeeklyHours = Object.fromEntries(
	['1', '2', '3', '4', '5'].map((d) => [d, [{ start: '09:00', end: '12:30' }, { start: '13:30', end: '17:00' }]])
);

export async function makeConsultant(overrides: Partial<typeof availability.$inferInsert> = {}) {
	const user = await makeUser('consultant');
	await db.insert(availability).values({ userId: user.id, weekly: WEEKDAYS_9_TO_5, ...overrides });
	return user;
}

let n = 0;
export function intake(slot: Date, over: Partial<IntakeInput> = {}): IntakeInput {
	n += 1;
	return {
		slot: slot.toISOString(),
		name: `Jo Lead ${n}`,
		role: 'Missing persons coordinator',
		organisation: 'Testshire Police',
		organisationType: 'police',
		localArea: 'Testshire',
		email: `lead${n}@example.test`,
		phone: '',
		situation: 'Repeat missing episodes from children’s homes are rising and return interviews are rarely collated.',
		...over
	};
}

/** A Wednesday in March 2027, 10:00 GMT: fixed so slot times are known. */
export const NOW = new Date('2027-03-24T10:00:00Z');
/** Thursday 25 March 2027, 10:00 London (GMT): the first slot a working day of notice allows after NOW. */
export const THURSDAY_10 = new Date('2027-03-25T10:00:00Z');
