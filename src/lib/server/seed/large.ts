// A large fictional area for the benchmarks: as big as the biggest engagement Homeward expects, and bigger.
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { areas, memberships, users } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';

export const LARGE_AREA_SLUG = 'bench-large';

/** Creates the large area with the demo consultant as lead; later capabilities add their content here. */
export async function seedLargeArea(leadEmail = 'consultant@homeward.test') {
	const [lead] = await db.select({ id: users.id }).from(users).where(eq(users.email, leadEmail));
	if (!lead) throw new Error(`Seed the demo first: ${leadEmail} is missing.`);
	const areaId = newId();
	await db.transaction(async (tx) => {
		await tx.insert(areas).values({
			id: areaId,
			slug: LARGE_AREA_SLUG,
			name: 'Greater Bench Vale',
			policeForce: 'Bench Vale Constabulary',
			localAuthorities: 'Bench Vale City Council; Bench Vale County Council; Three Rivers Council',
			status: 'active',
			description: 'A fictional, deliberately large area used to measure Homeward under load.',
			createdBy: lead.id
		});
		await tx.insert(memberships).values({ areaId, userId: lead.id, role: 'lead' });
	});
	return { areaId, leadId: lead.id };
}
