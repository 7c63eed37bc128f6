// The action plan as a spreadsheet: export (cells that could run as formulas are escaped) and import (every row
// checked first; any bad row means nothing is imported and every row's problems are listed).
import Papa from 'papaparse';
import { db } from '$lib/server/db';
import { actionLinks, actions } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { escapeCell, unescapeCell } from '$lib/domain/csv';
import { UPLOAD_LIMITS, count, megabytes } from '$lib/domain/uploads';
import { InputError } from '$lib/server/errors';
import { ACTION_STATUSES, CSV_COLUMNS, PRIORITIES, STATUS_LABELS, PRIORITY_LABELS, type ActionStatus, type Priority } from '$lib/domain/actions';
import { createActionSchema } from '$lib/validators/actions';
import { actionChoices, assertEditor, listActions } from './index';
import type { AreaContext } from '$lib/server/areas';

export async function exportActionsCsv(context: AreaContext): Promise<string> {
	const [{ actions: rows }, { members }] = await Promise.all([listActions(context, { sort: 'due' }), actionChoices(context)]);
	const emailOf = new Map(members.map((m) => [m.id, m.email]));
	const data = rows.map((a) =>
		[
			a.title,
			a.description,
			a.ownerActorName ?? '',
			a.ownerUserId ? (emailOf.get(a.ownerUserId) ?? '') : '',
			a.dueDate ?? '',
			a.status,
			a.priority,
			a.handoffs.map((h) => h.label).join('; ')
		].map(escapeCell)
	);
	return '\uFEFF' + Papa.unparse({ fields: [...CSV_COLUMNS], data }, { newline: '\r\n' });
}

export class ActionImportError extends Error {
	constructor(public problems: string[]) {
		super('Nothing was imported. Fix these rows and try again.');
	}
}

const byLabel = <T extends string>(values: readonly T[], labels: Record<T, string>, raw: string): T | undefined => {
	const key = raw.trim().toLowerCase().replace(/\s+/g, '_');
	return values.find((v) => v === key || labels[v].toLowerCase() === raw.trim().toLowerCase());
};

/** Reads a CSV export back in as new actions of this area; all rows or none. */
export async function importActionsCsv(context: AreaContext, text: string) {
	assertEditor(context);
	const limit = UPLOAD_LIMITS.actionsCsvBytes;
	if (Buffer.byteLength(text) > limit) throw new InputError({ file: `Nothing was imported: the CSV is larger than ${megabytes(limit)}.` });
	// One row past the limit is enough to refuse: the rest of a huge file is never turned into rows.
	const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
		header: true,
		skipEmptyLines: 'greedy',
		transformHeader: (h) => h.trim().toLowerCase(),
		preview: UPLOAD_LIMITS.importRows + 1
	});
	if (parsed.data.length > UPLOAD_LIMITS.importRows) {
		throw new InputError({ file: `Nothing was imported: the CSV has more than ${count(UPLOAD_LIMITS.importRows)} rows; import at most ${count(UPLOAD_LIMITS.importRows)} actions at a time.` });
	}
	if (parsed.errors.length) throw new ActionImportError(parsed.errors.slice(0, 20).map((e) => `Row ${(e.row ?? 0) + 2}: ${e.message}.`));
	const missing = CSV_COLUMNS.filter((c) => c !== 'description' && !(parsed.meta.fields ?? []).includes(c));
	if (missing.length) throw new ActionImportError([`The first row must name the columns; missing: ${missing.join(', ')}.`]);
	if (parsed.data.length === 0) throw new ActionImportError(['The file has no actions in it.']);

	const { actors, members, handoffs } = await actionChoices(context);
	const actorByName = new Map(actors.map((a) => [a.name.toLowerCase(), a.id]));
	const memberByEmail = new Map(members.map((m) => [m.email.toLowerCase(), m.id]));
	const handoffByLabel = new Map(handoffs.map((h) => [h.label.toLowerCase(), h.id]));

	const problems: string[] = [];
	const ready: { values: Omit<(typeof actions)['$inferInsert'], 'id' | 'areaId'>; handoffIds: string[] }[] = [];
	parsed.data.forEach((raw, index) => {
		const row = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, unescapeCell((v ?? '').trim())]));
		const line = index + 2;
		const rowProblems: string[] = [];
		const ownerActorId = row.owner_organisation ? actorByName.get(row.owner_organisation.toLowerCase()) : null;
		if (ownerActorId === undefined) rowProblems.push(`owner organisation "${row.owner_organisation}" is not on this area’s map`);
		const ownerUserId = row.owner_email ? memberByEmail.get(row.owner_email.toLowerCase()) : null;
		if (ownerUserId === undefined) rowProblems.push(`owner "${row.owner_email}" is not a member of this area`);
		const status: ActionStatus | undefined = row.status ? byLabel(ACTION_STATUSES, STATUS_LABELS, row.status) : 'not_started';
		if (!status) rowProblems.push(`status "${row.status}" is not one of ${ACTION_STATUSES.map((s) => STATUS_LABELS[s]).join(', ')}`);
		const priority: Priority | undefined = row.priority ? byLabel(PRIORITIES, PRIORITY_LABELS, row.priority) : 'medium';
		if (!priority) rowProblems.push(`priority "${row.priority}" is not High, Medium or Low`);
		const handoffIds: string[] = [];
		for (const label of (row.handoffs ?? '').split(';').map((s) => s.trim()).filter(Boolean)) {
			const id = handoffByLabel.get(label.toLowerCase());
			if (id) handoffIds.push(id);
			else rowProblems.push(`handoff "${label}" is not on this area’s map`);
		}
		const checked = createActionSchema.safeParse({
			title: row.title ?? '',
			description: row.description ?? '',
			dueDate: row.due_date ?? '',
			status: status ?? 'not_started',
			priority: priority ?? 'medium'
		});
		if (!checked.success) for (const issue of checked.error.issues) rowProblems.push(`${String(issue.path[0] ?? 'row')}: ${issue.message}`);
		if (rowProblems.length) problems.push(`Row ${line}: ${rowProblems.join('; ')}.`);
		else if (checked.success)
			ready.push({
				values: {
					title: checked.data.title,
					description: checked.data.description,
					dueDate: checked.data.dueDate,
					status: checked.data.status,
					priority: checked.data.priority,
					ownerActorId: ownerActorId ?? null,
					ownerUserId: ownerUserId ?? null,
					createdBy: context.user.id
				},
				handoffIds: [...new Set(handoffIds)]
			});
	});
	if (problems.length) throw new ActionImportError(problems);

	return db.transaction(async (tx) => {
		for (const item of ready) {
			const [row] = await tx.insert(actions).values({ ...item.values, id: newId(), areaId: context.area.id }).returning();
			if (item.handoffIds.length)
				await tx.insert(actionLinks).values(item.handoffIds.map((handoffId) => ({ id: newId(), areaId: context.area.id, actionId: row.id, handoffId })));
			await audit(tx, { actorId: context.user.id, areaId: context.area.id, entity: 'action', entityId: row.id, action: 'import', after: { ...row, handoffIds: item.handoffIds } });
		}
		return { imported: ready.length };
	});
}
