// Issued versions of the plan and the partner organisations' sign-offs on them. Issuing freezes the plan: its model
// and PDF are stored, so a signed version stays downloadable exactly as signed while the area moves on. The plan is a
// new draft as soon as anything in the area changes after the latest issue (the audit log counts the changes).
import { and, asc, count, desc, eq, notInArray, sql } from 'drizzle-orm';
import { db, type Executor } from '$lib/server/db';
import { areas, auditLog, planSignoffs, planVersions } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { InputError, NotFoundError } from '$lib/server/errors';
import { areaRoleAtLeast } from '$lib/domain/roles';
import type { AreaContext } from '$lib/server/areas';
import { PG, pgCode } from '$lib/server/db/errors';
import { planModel, type PlanModel } from './model';
import { planDocument } from '$lib/server/pdf/plan';
import { renderPdf } from '$lib/server/pdf';

/** Issuing and signing are not changes to the plan itself, so they do not make a new draft. */
const OWN_ENTITIES = ['plan_version', 'plan_signoff'];

/** Changes to the area's plan so far: every audited change except issuing and signing. */
export async function changeCount(areaId: string, executor: Executor = db) {
	const [row] = await executor
		.select({ n: count() })
		.from(auditLog)
		.where(and(eq(auditLog.areaId, areaId), notInArray(auditLog.entity, OWN_ENTITIES)));
	return row.n;
}

function assertLead(context: AreaContext) {
	if (!areaRoleAtLeast(context.role, 'lead')) throw new NotFoundError();
}

/** Freezes the plan as it stands (with a workshop room's record, if chosen) as the next numbered version, with its PDF. Leads only. */
export async function issueVersion(context: AreaContext, now = new Date(), options: { roomId?: string | null } = {}) {
	assertLead(context);
	const model = await planModel(context, { now, roomId: options.roomId ?? null });
	return db.transaction(async (tx) => {
		// One issue at a time per area, so two leads cannot take the same number.
		await tx.select({ id: areas.id }).from(areas).where(eq(areas.id, context.area.id)).for('update');
		const [last] = await tx.select({ number: planVersions.number }).from(planVersions).where(eq(planVersions.areaId, context.area.id)).orderBy(desc(planVersions.number)).limit(1);
		const number = (last?.number ?? 0) + 1;
		const pdf = await renderPdf(planDocument(model, number));
		const [row] = await tx
			.insert(planVersions)
			.values({ id: newId(), areaId: context.area.id, number, changesAtIssue: await changeCount(context.area.id, tx), model, pdf, issuedBy: context.user.id, createdAt: now })
			.returning({ id: planVersions.id, number: planVersions.number, createdAt: planVersions.createdAt });
		await audit(tx, { actorId: context.user.id, areaId: context.area.id, entity: 'plan_version', entityId: row.id, action: 'create', after: { number } });
		return row;
	});
}

export interface SignoffInput {
	versionId: string;
	organisation: string;
	name: string;
	role: string;
	signedOn: string;
}

/** Records that an organisation signed a version (who, their role, the date). Once per organisation and version. */
export async function recordSignoff(context: AreaContext, input: SignoffInput, today: string) {
	assertLead(context);
	if (input.signedOn > today) throw new InputError({ signedOn: 'A sign-off cannot be dated in the future.' });
	return db.transaction(async (tx) => {
		const [version] = await tx
			.select({ id: planVersions.id, model: planVersions.model })
			.from(planVersions)
			.where(and(eq(planVersions.areaId, context.area.id), eq(planVersions.id, input.versionId)));
		if (!version) throw new InputError({ versionId: 'Choose a version of this area’s plan.' });
		if (!(version.model as PlanModel).signatories.includes(input.organisation))
			throw new InputError({ organisation: 'Choose one of the organisations this version lists for sign-off.' });
		try {
			const [row] = await tx
				.insert(planSignoffs)
				.values({ id: newId(), areaId: context.area.id, ...input, recordedBy: context.user.id })
				.returning();
			await audit(tx, { actorId: context.user.id, areaId: context.area.id, entity: 'plan_signoff', entityId: row.id, action: 'create', after: row });
			return row;
		} catch (err) {
			if (pgCode(err) === PG.uniqueViolation) throw new InputError({ organisation: `${input.organisation} has already signed this version.` });
			throw err;
		}
	});
}

/** Every issued version, newest first, with its sign-offs and the organisations still to sign; and whether the plan has changed since the latest. */
export async function planVersionsOf(context: AreaContext) {
	const [versions, signoffs, changes] = await Promise.all([
		db
			.select({
				id: planVersions.id,
				number: planVersions.number,
				createdAt: planVersions.createdAt,
				changesAtIssue: planVersions.changesAtIssue,
				// Only who is to sign, not the whole frozen plan: the overview reads this on every load.
				signatories: sql<PlanModel['signatories']>`${planVersions.model} -> 'signatories'`
			})
			.from(planVersions)
			.where(eq(planVersions.areaId, context.area.id))
			.orderBy(desc(planVersions.number)),
		db.select().from(planSignoffs).where(eq(planSignoffs.areaId, context.area.id)).orderBy(asc(planSignoffs.signedOn), asc(planSignoffs.organisation)),
		changeCount(context.area.id)
	]);
	const list = versions.map((v) => {
		const signed = signoffs.filter((s) => s.versionId === v.id);
		return {
			id: v.id,
			number: v.number,
			issuedAt: v.createdAt,
			signoffs: signed.map((s) => ({ organisation: s.organisation, name: s.name, role: s.role, signedOn: s.signedOn })),
			unsigned: v.signatories.filter((o) => !signed.some((s) => s.organisation === o))
		};
	});
	const latest = versions[0];
	return { versions: list, current: list[0] ?? null, draftSince: latest && changes > latest.changesAtIssue ? latest.number : null };
}

/** An issued version's PDF, exactly as issued. */
export async function versionPdf(context: AreaContext, number: number) {
	const [row] = await db
		.select({ pdf: planVersions.pdf })
		.from(planVersions)
		.where(and(eq(planVersions.areaId, context.area.id), eq(planVersions.number, number)));
	if (!row) throw new NotFoundError();
	return row.pdf;
}
