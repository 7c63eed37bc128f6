// Notifications to the staff who work the public queues: every active admin and consultant.
import { and, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '$lib/server/db';
import { users } from '$lib/server/db/schema';
import { enqueueMail } from './index';

export async function notifyStaff(tx: Executor, mail: { subject: string; text: string; kind: string }) {
	const staff = await tx
		.select({ email: users.email })
		.from(users)
		.where(and(inArray(users.role, ['admin', 'consultant']), isNull(users.disabledAt)));
	for (const { email } of staff) await enqueueMail(tx, { ...mail, to: email });
	return staff.length;
}
