// A consultant's own availability: weekly hours, rules and date overrides. Each person edits only their own.
import { and, asc, eq, gte, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { availability, availabilityOverrides, type Availability } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { ConflictError, InputError, NotFoundError } from '$lib/server/errors';
import { assertStaff } from '$lib/server/auth/staff';
import { AVAILABILITY_DEFAULTS, type JoiningKind, type OverrideKind } from '$lib/domain/bookings';
import { londonDate, WEEKDAYS, type WeeklyHours } from '$lib/domain/slots';
import type { SessionUser } from '$lib/server/auth/session';

/** The user's availability; a new consultant gets the defaults, not yet taking bookings, at version 0. */
export async function getAvailability(user: SessionUser): Promise<Availability> {
	assertStaff(user);
	const [row] = await db.select().from(availability).where(eq(availability.userId, user.id));
	return (
		row ?? {
			userId: user.id,
			acceptingBookings: false,
			weekly: {},
			...AVAILABILITY_DEFAULTS,
			joiningKind: null,
			joiningDetail: null,
			updatedAt: new Date(),
			version: 0
		}
	);
}

export interface AvailabilityInput {
	acceptingBookings: boolean;
	weekly: WeeklyHours;
	meetingMinutes: number;
	bufferMinutes: number;
	noticeWorkingDays: number;
	horizonWeeks: number;
	dailyCap: number;
	joiningKind: JoiningKind | null;
	joiningDetail: string | null;
	version: number;
}

export async function saveAvailability(user: SessionUser, input: AvailabilityInput) {
	assertStaff(user);
	const { version, ...values } = input;
	if (values.acceptingBookings && WEEKDAYS.every((d) => !values.weekly[d.key]?.length)) {
		throw new InputError({ day1: 'Add hours to at least one day before taking bookings.' });
	}
	return db.transaction(async (tx) => {
		const [before] = await tx.select().from(availability).where(eq(availability.userId, user.id));
		let saved: Availability | undefined;
		if (!before) {
			if (version !== 0) throw new ConflictError();
			[saved] = await tx.insert(availability).values({ userId: user.id, ...values }).onConflictDoNothing().returning();
		} else {
			[saved] = await tx
				.update(availability)
				.set({ ...values, updatedAt: new Date(), version: sql`${availability.version} + 1` })
				.where(and(eq(availability.userId, user.id), eq(availability.version, version)))
				.returning();
		}
		if (!saved) throw new ConflictError();
		await audit(tx, { actorId: user.id, entity: 'availability', entityId: user.id, action: before ? 'update' : 'create', before, after: saved });
		return saved;
	});
}

/** Overrides from today on, by date. */
export async function listOverrides(user: SessionUser, now = new Date()) {
	assertStaff(user);
	return db
		.select()
		.from(availabilityOverrides)
		.where(and(eq(availabilityOverrides.userId, user.id), gte(availabilityOverrides.date, londonDate(now))))
		.orderBy(asc(availabilityOverrides.date), asc(availabilityOverrides.startTime));
}

export async function addOverride(
	user: SessionUser,
	input: { date: string; kind: OverrideKind; startTime: string; endTime: string },
	now = new Date()
) {
	assertStaff(user);
	if (input.date < londonDate(now)) throw new InputError({ date: 'Choose today or a later date.' });
	const row = {
		id: newId(),
		userId: user.id,
		date: input.date,
		kind: input.kind,
		startTime: input.kind === 'extra' ? input.startTime : null,
		endTime: input.kind === 'extra' ? input.endTime : null
	};
	return db.transaction(async (tx) => {
		await tx.insert(availabilityOverrides).values(row);
		await audit(tx, { actorId: user.id, entity: 'availability-override', entityId: row.id, action: 'create', after: row });
		return row;
	});
}

export async function deleteOverride(user: SessionUser, id: string) {
	assertStaff(user);
	return db.transaction(async (tx) => {
		const [removed] = await tx
			.delete(availabilityOverrides)
			.where(and(eq(availabilityOverrides.id, id), eq(availabilityOverrides.userId, user.id)))
			.returning();
		if (!removed) throw new NotFoundError();
		await audit(tx, { actorId: user.id, entity: 'availability-override', entityId: id, action: 'delete', before: removed });
	});
}
