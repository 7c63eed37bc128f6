// Hostile and oversized uploads: every file input is refused (or neutralised) with a message for its field, before
// the file can take the server's memory or time, and nothing is stored. Bombs are built here at run time.
import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { db } from '$lib/server/db';
import { mapActors, mapHandoffs } from '$lib/server/db/schema';
import { ImportError, importMap, readMapCsvFiles, readMapFile, toCsv, toXlsx } from '$lib/server/map/exchange';
import { CONNECTION_COLUMNS, ELEMENT_COLUMNS, type KumuRows } from '$lib/domain/map/kumu';
import { UPLOAD_LIMITS } from '$lib/domain/uploads';
import type { AreaContext } from '$lib/server/areas';
import { useTestDatabase } from '../helpers/database';
import { addMember, makeArea, makeUser } from '../helpers/factories';

useTestDatabase();

const MB = 1024 * 1024;

async function editorContext(): Promise<AreaContext> {
	const area = await makeArea();
	const user = await makeUser('partner');
	await addMember(area.id, user.id, 'editor');
	return { area, role: 'editor', user };
}

const mapCounts = async (areaId: string) => ({
	actors: (await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(mapActors).where(eq(mapActors.areaId, areaId)))[0].n,
	handoffs: (await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(mapHandoffs).where(eq(mapHandoffs.areaId, areaId)))[0].n
});

const goodRows: KumuRows = {
	elements: [
		{ Label: 'Police', Sector: 'police' },
		{ Label: 'School', Sector: 'education' }
	],
	connections: [{ From: 'School', To: 'Police', Label: 'Concern raised', Stage: 'before' }]
};

/** A real Kumu workbook with `extra` parts added (e.g. megabytes of zeros, which compress about 1000:1). */
async function workbookWith(extra: Zippable): Promise<Uint8Array> {
	const parts = unzipSync(new Uint8Array(await toXlsx(goodRows)));
	return zipSync({ ...parts, ...extra }, { level: 9 });
}

const asFile = (bytes: Uint8Array | string, name: string) => new File([bytes as BlobPart], name);

describe('map import files', () => {
	it('still imports a real workbook', async () => {
		const editor = await editorContext();
		const rows = await readMapFile(asFile(new Uint8Array(await toXlsx(goodRows)), 'map.xlsx'));
		await importMap(editor, rows);
		expect(await mapCounts(editor.area.id)).toEqual({ actors: 2, handoffs: 1 });
	});

	it('refuses a workbook that unpacks past the limit, from its directory, and imports nothing', async () => {
		const editor = await editorContext();
		const bomb = await workbookWith({ 'xl/media/image1.png': new Uint8Array(120 * MB) });
		expect(bomb.byteLength).toBeLessThan(1 * MB);
		const error = await readMapFile(asFile(bomb, 'map.xlsx')).catch((e) => e);
		expect(error).toBeInstanceOf(ImportError);
		expect(error.errors.file).toBe(
			'Nothing was imported: the workbook unpacks to 120 MB, more than the 20 MB Homeward reads. Remove pictures or unused sheets, or import the Elements and Connections as CSV files.'
		);
		expect(await mapCounts(editor.area.id)).toEqual({ actors: 0, handoffs: 0 });
	});

	it('refuses a sheet of more than 5,000 rows before building it', async () => {
		const editor = await editorContext();
		const many: KumuRows = { elements: Array.from({ length: UPLOAD_LIMITS.importRows + 1 }, (_, i) => ({ Label: `Actor ${i}`, Sector: 'police' })), connections: [] };
		const error = await readMapFile(asFile(new Uint8Array(await toXlsx(many)), 'map.xlsx')).catch((e) => e);
		expect(error).toBeInstanceOf(ImportError);
		expect(error.errors.file).toBe('Nothing was imported: a sheet has more than 5,000 rows; Homeward imports at most 5,000 rows per sheet.');
		expect(await mapCounts(editor.area.id)).toEqual({ actors: 0, handoffs: 0 });
	});

	it('refuses a blueprint nested deeper than any Kumu blueprint, instead of failing while reading it', async () => {
		const deep = `{"elements":[{"label":${'['.repeat(100_000)}${']'.repeat(100_000)}}]}`;
		const error = await readMapFile(asFile(deep, 'map.json')).catch((e) => e);
		expect(error).toBeInstanceOf(ImportError);
		expect(error.errors.file).toBe('Nothing was imported: the file nests lists and objects more than 32 deep, which no Kumu blueprint does.');
	});

	it('refuses oversized CSV files, and a CSV of more than 5,000 rows, beside the Elements field', async () => {
		const editor = await editorContext();
		const huge = asFile(`Label,Sector\r\n${'Police,police\r\n'.repeat(400_000)}`, 'elements.csv');
		expect(huge.size).toBeGreaterThan(UPLOAD_LIMITS.mapFileBytes);
		const tooBig = await readMapCsvFiles(huge, null).catch((e) => e);
		expect(tooBig.errors).toEqual({ elements: 'Nothing was imported: the files are larger than 5 MB together.' });

		const rows = Array.from({ length: UPLOAD_LIMITS.importRows + 1 }, (_, i) => ({ Label: `Actor ${i}`, Sector: 'police' }));
		const long = await readMapCsvFiles(asFile(toCsv(rows, ELEMENT_COLUMNS), 'elements.csv'), asFile(toCsv([], CONNECTION_COLUMNS), 'c.csv')).catch((e) => e);
		expect(long).toBeInstanceOf(ImportError);
		expect(long.errors.file).toBe('Nothing was imported: the Elements CSV has more than 5,000 rows; Homeward imports at most 5,000.');
		expect(await mapCounts(editor.area.id)).toEqual({ actors: 0, handoffs: 0 });
	});
});
