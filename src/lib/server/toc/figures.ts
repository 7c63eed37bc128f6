// An area's quarterly missing figures: what its police and council report each quarter, set beside the national
// picture. One row per area and quarter; editing a quarter names the version read.
import { and, desc, eq, sql } from 'drizzle-orm';
import { db, type Executor } from '$lib/server/db';
import { missingFigures } from '$lib/server/db/schema';
import { audit } from '$lib/server/audit';
import { ConflictError, InputError } from '$lib/server/errors';
import type { AreaContext } from '$lib/server/areas';
import { assertEditor } from './index';

export interface FiguresInput {
	quarter: string;
	missingReports: number;
	peopleReported: number;
	repeatShareAdults: number;
	repeatShareChildren: number;
	returnInterviewsOffered: number;
	returnInterviewsWithin72h: number;
}

/** Every quarter's figures, newest first. */
export async function listFigures(context: AreaContext, executor: Executor = db) {
	return executor.select().from(missingFigures).where(eq(missingFigures.areaId, context.area.id)).orderBy(desc(missingFigures.quarter));
}

/**
 * Adds a quarter's figures, or with `version` replaces the ones read at that version. Adding a quarter that already
 * has figures is refused (edit them instead), and so is a stale edit.
 */
export async function saveFigures(context: AreaContext, input: FiguresInput & { version: number | null }) {
	assertEditor(context);
	const { version, ...values } = input;
	return db.transaction(async (tx) => {
		const [before] = await tx
			.select()
			.from(missingFigures)
			.where(and(eq(missingFigures.areaId, context.area.id), eq(missingFigures.quarter, values.quarter)));
		if (version === null) {
			if (before) throw new InputError({ quarter: 'This quarter already has figures: choose “Edit” beside it in the table to change them.' });
			const [row] = await tx.insert(missingFigures).values({ areaId: context.area.id, ...values, updatedBy: context.user.id }).returning();
			await audit(tx, { actorId: context.user.id, areaId: context.area.id, entity: 'missing_figures', entityId: values.quarter, action: 'create', after: row });
			return row;
		}
		const [after] = await tx
			.update(missingFigures)
			.set({ ...values, updatedBy: context.user.id, updatedAt: new Date(), version: sql`${missingFigures.version} + 1` })
			.where(and(eq(missingFigures.areaId, context.area.id), eq(missingFigures.quarter, values.quarter), eq(missingFigures.version, version)))
			.returning();
		if (!after) throw new ConflictError('Someone else changed this quarter’s figures while you were editing. The table shows theirs: edit again.');
		await audit(tx, { actorId: context.user.id, areaId: context.area.id, entity: 'missing_figures', entityId: values.quarter, action: 'update', before, after });
		return after;
	});
}
