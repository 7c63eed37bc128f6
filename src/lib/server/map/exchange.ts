// Import and export of the map: Kumu-compatible .xlsx (Elements and Connections sheets), the same as two CSVs, and
// Kumu's JSON blueprint. Import checks every row first and stores nothing unless all are good; then, in one
// transaction, it updates actors by name and handoffs by (from, to, label) rather than duplicating them.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { and, eq, gt, sql } from 'drizzle-orm';
import { db, type Executor, type Transaction } from '$lib/server/db';
import { mapActors, mapHandoffs, mapImports } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { InputError, NotFoundError } from '$lib/server/errors';
import { escapeCell, unescapeCell } from '$lib/domain/csv';
import { UPLOAD_LIMITS, count, jsonDepthExceeds, megabytes } from '$lib/domain/uploads';
import { readWorkbook, workbookRefusal } from './xlsx';
import {
	CONNECTION_COLUMNS,
	ELEMENT_COLUMNS,
	readKumuRows,
	rowsFromBlueprint,
	toBlueprint,
	toKumuRows,
	type ImportedHandoff,
	type KumuRows,
	type Row
} from '$lib/domain/map/kumu';
import { mappingFromParams, mappingNeeds, type ImportMapping, type MappingNeeds } from '$lib/domain/map/kumu-mapping';
import { planImport, type ImportPlan } from '$lib/domain/map/import-plan';
import type { MapData } from '$lib/domain/map/types';
import type { AreaContext } from '$lib/server/areas';
import { assertEditor, loadMap, mapDataOf } from './index';

/** A file with bad rows: `rows` names each one, and nothing was imported. */
export class ImportError extends InputError {
	constructor(public rows: string[], summary?: string) {
		super({
			file:
				summary ??
				`Nothing was imported: ${rows.length} ${rows.length === 1 ? 'row needs' : 'rows need'} correcting. Fix ${rows.length === 1 ? 'it' : 'them'} and upload the file again.`
		});
	}
}

export async function exportRows(context: AreaContext): Promise<KumuRows> {
	return toKumuRows(mapDataOf(await loadMap(context)));
}

export async function exportBlueprint(context: AreaContext) {
	return toBlueprint(mapDataOf(await loadMap(context)));
}

/** A CSV whose every cell is safe to open in a spreadsheet program. */
export function toCsv(rows: Row[], columns: readonly string[]): string {
	return Papa.unparse(
		{ fields: [...columns], data: rows.map((r) => columns.map((c) => escapeCell(r[c] ?? ''))) },
		{ newline: '\r\n' }
	);
}

export async function toXlsx(rows: KumuRows): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Homeward';
	const sheet = (name: string, columns: readonly string[], data: Row[]) => {
		const ws = workbook.addWorksheet(name);
		ws.columns = columns.map((c) => ({ header: c, key: c, width: Math.max(12, c.length + 4) }));
		ws.getRow(1).font = { bold: true };
		// Strings stay strings: exceljs writes them as shared text, never as formulas.
		for (const r of data) ws.addRow(columns.map((c) => r[c] ?? ''));
	};
	sheet('Elements', ELEMENT_COLUMNS, rows.elements);
	sheet('Connections', CONNECTION_COLUMNS, rows.connections);
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function parseCsv(text: string, what: string): Row[] {
	// One row past the limit is enough to refuse: the rest of a huge file is never turned into rows.
	const result = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy', preview: UPLOAD_LIMITS.importRows + 1 });
	if (result.data.length > UPLOAD_LIMITS.importRows) throw tooManyRows(`${what} CSV`);
	if (result.errors.length) {
		throw new ImportError(
			result.errors.slice(0, 20).map((e) => `${what} row ${(e.row ?? 0) + 2}: ${e.message}.`),
			`Nothing was imported: the ${what} CSV could not be read.`
		);
	}
	return result.data.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k.trim(), unescapeCell(v ?? '')])));
}

/** Reads an uploaded workbook's Elements (required) and Connections sheets, within the upload limits. */
export async function parseXlsx(data: ArrayBuffer | Uint8Array): Promise<KumuRows> {
	const result = await readWorkbook(data instanceof Uint8Array ? data : new Uint8Array(data), ['Elements', 'Connections']);
	if (!result.ok) throw new ImportError([], workbookRefusal(result));
	if (!result.sheets.Elements) throw new ImportError([], 'Nothing was imported: the workbook has no "Elements" sheet.');
	return { elements: result.sheets.Elements, connections: result.sheets.Connections ?? [] };
}

const tooManyRows = (what: string) =>
	new ImportError([], `Nothing was imported: the ${what} has more than ${count(UPLOAD_LIMITS.importRows)} rows; Homeward imports at most ${count(UPLOAD_LIMITS.importRows)}.`);

export function parseBlueprint(text: string): KumuRows {
	// Checked before parsing: JSON.parse copes with any depth, but what reads the result may not.
	if (jsonDepthExceeds(text, UPLOAD_LIMITS.jsonDepth)) {
		throw new ImportError([], `Nothing was imported: the file nests lists and objects more than ${UPLOAD_LIMITS.jsonDepth} deep, which no Kumu blueprint does.`);
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw new ImportError([], 'Nothing was imported: the file is not valid JSON.');
	}
	const rows = rowsFromBlueprint(parsed);
	if ('error' in rows) throw new ImportError([], `Nothing was imported: ${rows.error}`);
	if (rows.elements.length > UPLOAD_LIMITS.importRows) throw tooManyRows('blueprint\'s "elements" list');
	if (rows.connections.length > UPLOAD_LIMITS.importRows) throw tooManyRows('blueprint\'s "connections" list');
	// Blueprint entries are numbered from 1, not as spreadsheet rows.
	rows.elements.forEach((r, i) => (r.__row = String(i + 1)));
	rows.connections.forEach((r, i) => (r.__row = String(i + 1)));
	return rows;
}

/** An uploaded .xlsx workbook or .json blueprint, checked against the upload limits before it is read. */
export async function readMapFile(file: File): Promise<KumuRows> {
	const limit = UPLOAD_LIMITS.mapFileBytes;
	if (file.size > limit) throw new ImportError([], `Nothing was imported: the file is larger than ${megabytes(limit)}.`);
	const name = file.name.toLowerCase();
	if (name.endsWith('.xlsx')) return parseXlsx(new Uint8Array(await file.arrayBuffer()));
	if (name.endsWith('.json')) return parseBlueprint(await file.text());
	throw new ImportError([], 'Choose a file ending in .xlsx (a Kumu spreadsheet) or .json (a Kumu blueprint).');
}

/** The Elements and Connections CSV files (either may be missing), checked against the upload limits. */
export async function readMapCsvFiles(elements: File | null, connections: File | null): Promise<KumuRows> {
	const limit = UPLOAD_LIMITS.mapFileBytes;
	if ((elements?.size ?? 0) + (connections?.size ?? 0) > limit) {
		throw new InputError({ elements: `Nothing was imported: the files are larger than ${megabytes(limit)} together.` });
	}
	return {
		elements: elements ? parseCsv(await elements.text(), 'Elements') : [],
		connections: connections ? parseCsv(await connections.text(), 'Connections') : []
	};
}

export interface ImportSummary {
	actorsAdded: number;
	actorsUpdated: number;
	handoffsAdded: number;
	handoffsUpdated: number;
}

/** Reads rows against the map as it is now, with a mapping: the plan, or every bad row. */
function planFor(current: MapData, rows: KumuRows, mapping?: ImportMapping) {
	const read = readKumuRows(rows, current.actors.map((a) => a.name), mapping);
	if (!read.ok) throw new ImportError(read.errors);
	return planImport(current, read);
}

/**
 * Imports rows into the area's map. Every row is checked first; one bad row means nothing is stored. Existing actors
 * are matched by name and existing handoffs by (from, to, label), case-insensitively, and updated in place.
 */
export async function importMap(context: AreaContext, rows: KumuRows, mapping?: ImportMapping): Promise<ImportSummary> {
	assertEditor(context);
	return db.transaction(async (tx) => applyPlan(context, tx, planFor(mapDataOf(await loadMap(context, tx)), rows, mapping)));
}

async function applyPlan(context: AreaContext, tx: Transaction, plan: ImportPlan): Promise<ImportSummary> {
	const base = { actorId: context.user.id, areaId: context.area.id };
	const area = context.area.id;
	const current = await loadMap(context, tx);
	const idOf = new Map(current.actors.map((a) => [a.name.toLowerCase(), a.id]));
	for (const actor of plan.actors.add) {
		const [row] = await tx.insert(mapActors).values({ id: newId(), areaId: area, ...actor }).returning();
		idOf.set(actor.name.toLowerCase(), row.id);
		await audit(tx, { ...base, entity: 'map_actor', entityId: row.id, action: 'import', after: row });
	}
	for (const { existing, values } of plan.actors.update) {
		const [row] = await tx
			.update(mapActors)
			.set({ ...values, updatedAt: new Date(), version: sql`${mapActors.version} + 1` })
			.where(and(eq(mapActors.areaId, area), eq(mapActors.id, existing.id)))
			.returning();
		await audit(tx, { ...base, entity: 'map_actor', entityId: row.id, action: 'import', before: existing, after: row });
	}
	const ends = ({ from, to, ...handoff }: ImportedHandoff) => ({ ...handoff, fromActorId: idOf.get(from.toLowerCase())!, toActorId: idOf.get(to.toLowerCase())! });
	for (const handoff of plan.handoffs.add) {
		const [row] = await tx.insert(mapHandoffs).values({ id: newId(), areaId: area, ...ends(handoff) }).returning();
		await audit(tx, { ...base, entity: 'map_handoff', entityId: row.id, action: 'import', after: row });
	}
	for (const { existing, values } of plan.handoffs.update) {
		const [row] = await tx
			.update(mapHandoffs)
			.set({ ...ends(values), updatedAt: new Date(), version: sql`${mapHandoffs.version} + 1` })
			.where(and(eq(mapHandoffs.areaId, area), eq(mapHandoffs.id, existing.id)))
			.returning();
		await audit(tx, { ...base, entity: 'map_handoff', entityId: row.id, action: 'import', before: existing, after: row });
	}
	return {
		actorsAdded: plan.actors.add.length,
		actorsUpdated: plan.actors.update.length,
		handoffsAdded: plan.handoffs.add.length,
		handoffsUpdated: plan.handoffs.update.length
	};
}

/** How long an uploaded file waits for its mapping step. */
export const PENDING_IMPORT_MINUTES = 60;

/**
 * Keeps a file's rows, read and within the upload limits, for the mapping step; returns its id. A person has one
 * pending import per area: a new upload replaces the last.
 */
export async function stageImport(context: AreaContext, rows: KumuRows, fileName: string): Promise<string> {
	assertEditor(context);
	const id = newId();
	await db.transaction(async (tx) => {
		await tx.delete(mapImports).where(and(eq(mapImports.areaId, context.area.id), eq(mapImports.userId, context.user.id)));
		await tx.insert(mapImports).values({
			id,
			areaId: context.area.id,
			userId: context.user.id,
			fileName: fileName.slice(0, 200),
			rows,
			expiresAt: new Date(Date.now() + PENDING_IMPORT_MINUTES * 60_000)
		});
	});
	return id;
}

async function pendingImport(context: AreaContext, id: string, executor: Executor = db) {
	assertEditor(context);
	const [found] = await executor
		.select()
		.from(mapImports)
		.where(and(eq(mapImports.id, id), eq(mapImports.areaId, context.area.id), eq(mapImports.userId, context.user.id), gt(mapImports.expiresAt, new Date())));
	if (!found) throw new NotFoundError('This import has finished or is more than an hour old: upload the file again.');
	return found;
}

export type ImportPreview =
	| { fileName: string; needs: MappingNeeds; mapping: ImportMapping; plan: ImportPlan; errors: [] }
	| { fileName: string; needs: MappingNeeds; mapping: ImportMapping; plan: null; errors: string[] };

/** The mapping step's page: what the file leaves to map, the mapping asked for, and what the import would do. */
export async function previewImport(context: AreaContext, id: string, params: URLSearchParams): Promise<ImportPreview> {
	const pending = await pendingImport(context, id);
	const needs = mappingNeeds(pending.rows);
	const mapping = mappingFromParams(params, needs);
	try {
		const plan = planFor(mapDataOf(await loadMap(context)), pending.rows, mapping);
		return { fileName: pending.fileName, needs, mapping, plan, errors: [] };
	} catch (err) {
		if (err instanceof ImportError) return { fileName: pending.fileName, needs, mapping, plan: null, errors: err.rows };
		throw err;
	}
}

/** Imports a pending file with its mapping, against the map as it is at that moment, and forgets the file. */
export async function confirmImport(context: AreaContext, id: string, params: URLSearchParams): Promise<ImportSummary> {
	return db.transaction(async (tx) => {
		const pending = await pendingImport(context, id, tx);
		const mapping = mappingFromParams(params, mappingNeeds(pending.rows));
		const summary = await applyPlan(context, tx, planFor(mapDataOf(await loadMap(context, tx)), pending.rows, mapping));
		await tx.delete(mapImports).where(eq(mapImports.id, id));
		return summary;
	});
}

/** Forgets a pending file without importing it. */
export async function cancelImport(context: AreaContext, id: string) {
	assertEditor(context);
	await db.delete(mapImports).where(and(eq(mapImports.id, id), eq(mapImports.areaId, context.area.id), eq(mapImports.userId, context.user.id)));
}
