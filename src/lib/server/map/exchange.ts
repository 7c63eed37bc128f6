// Import and export of the map: Kumu-compatible .xlsx (Elements and Connections sheets), the same as two CSVs, and
// Kumu's JSON blueprint. Import checks every row first and stores nothing unless all are good; then, in one
// transaction, it updates actors by name and handoffs by (from, to, label) rather than duplicating them.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { and, eq, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { mapActors, mapHandoffs } from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { InputError } from '$lib/server/errors';
import { escapeCell, unescapeCell } from '$lib/domain/csv';
import { UPLOAD_LIMITS, count, jsonDepthExceeds, megabytes } from '$lib/domain/uploads';
import { readWorkbook, workbookRefusal } from './xlsx';
import {
	CONNECTION_COLUMNS,
	ELEMENT_COLUMNS,
	handoffKey,
	readKumuRows,
	rowsFromBlueprint,
	toBlueprint,
	toKumuRows,
	type KumuRows,
	type Row
} from '$lib/domain/map/kumu';
import { ACTOR_FIELDS, HANDOFF_FIELDS } from '$lib/domain/map/types';
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

/**
 * Imports rows into the area's map. Every row is checked first; one bad row means nothing is stored. Existing actors
 * are matched by name and existing handoffs by (from, to, label), case-insensitively, and updated in place.
 */
export async function importMap(context: AreaContext, rows: KumuRows): Promise<ImportSummary> {
	assertEditor(context);
	return db.transaction(async (tx) => {
		const current = await loadMap(context, tx);
		const read = readKumuRows(rows, current.actors.map((a) => a.name));
		if (!read.ok) throw new ImportError(read.errors);
		const summary: ImportSummary = { actorsAdded: 0, actorsUpdated: 0, handoffsAdded: 0, handoffsUpdated: 0 };
		const byName = new Map(current.actors.map((a) => [a.name.toLowerCase(), a]));
		const idOf = new Map(current.actors.map((a) => [a.name.toLowerCase(), a.id]));
		const base = { actorId: context.user.id, areaId: context.area.id };
		for (const actor of read.actors) {
			const existing = byName.get(actor.name.toLowerCase());
			if (!existing) {
				const [row] = await tx.insert(mapActors).values({ id: newId(), areaId: context.area.id, ...actor }).returning();
				idOf.set(actor.name.toLowerCase(), row.id);
				await audit(tx, { ...base, entity: 'map_actor', entityId: row.id, action: 'import', after: row });
				summary.actorsAdded++;
				continue;
			}
			if (ACTOR_FIELDS.every((f) => existing[f] === actor[f])) continue;
			const [row] = await tx
				.update(mapActors)
				.set({ ...actor, updatedAt: new Date(), version: sql`${mapActors.version} + 1` })
				.where(and(eq(mapActors.areaId, context.area.id), eq(mapActors.id, existing.id)))
				.returning();
			await audit(tx, { ...base, entity: 'map_actor', entityId: row.id, action: 'import', before: existing, after: row });
			summary.actorsUpdated++;
		}
		const nameOf = new Map(current.actors.map((a) => [a.id, a.name]));
		const existingHandoffs = new Map(
			current.handoffs.map((h) => [handoffKey(nameOf.get(h.fromActorId)!, nameOf.get(h.toActorId)!, h.label), h])
		);
		for (const { from, to, ...handoff } of read.handoffs) {
			const values = { ...handoff, fromActorId: idOf.get(from.toLowerCase())!, toActorId: idOf.get(to.toLowerCase())! };
			const existing = existingHandoffs.get(handoffKey(from, to, handoff.label));
			if (!existing) {
				const [row] = await tx.insert(mapHandoffs).values({ id: newId(), areaId: context.area.id, ...values }).returning();
				await audit(tx, { ...base, entity: 'map_handoff', entityId: row.id, action: 'import', after: row });
				summary.handoffsAdded++;
				continue;
			}
			if (HANDOFF_FIELDS.every((f) => existing[f] === values[f])) continue;
			const [row] = await tx
				.update(mapHandoffs)
				.set({ ...values, updatedAt: new Date(), version: sql`${mapHandoffs.version} + 1` })
				.where(and(eq(mapHandoffs.areaId, context.area.id), eq(mapHandoffs.id, existing.id)))
				.returning();
			await audit(tx, { ...base, entity: 'map_handoff', entityId: row.id, action: 'import', before: existing, after: row });
			summary.handoffsUpdated++;
		}
		return summary;
	});
}
