// Hostile and oversized uploads: every file input is refused (or neutralised) with a message for its field, before
// the file can take the server's memory or time, and nothing is stored. Bombs are built here at run time.
import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { crc32, deflateSync } from 'node:zlib';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import sharp from 'sharp';
import { db } from '$lib/server/db';
import { actions, appealPhotos, appeals, mapActors, mapHandoffs } from '$lib/server/db/schema';
import { importActionsCsv } from '$lib/server/actions/csv';
import { publishAppeal } from '$lib/server/heroes';
import { InputError } from '$lib/server/errors';
import { GET as servePhoto } from '../../src/routes/(public)/appeals/[id]/photo/+server';
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
		const bomb = await workbookWith({ 'xl/media/image1.png': new Uint8Array(24 * MB) });
		expect(bomb.byteLength).toBeLessThan(1 * MB);
		const error = await readMapFile(asFile(bomb, 'map.xlsx')).catch((e) => e);
		expect(error).toBeInstanceOf(ImportError);
		expect(error.errors.file).toBe(
			'Nothing was imported: the workbook unpacks to 24 MB, more than the 20 MB Homeward reads. Remove pictures or unused sheets, or import the Elements and Connections as CSV files.'
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

describe('action plan CSV', () => {
	const header = 'title,description,owner_organisation,owner_email,due_date,status,priority,handoffs';
	const actionCount = async (areaId: string) =>
		(await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(actions).where(eq(actions.areaId, areaId)))[0].n;

	it('refuses a CSV over 1 MB, and one of more than 5,000 rows, beside the file field, importing nothing', async () => {
		const editor = await editorContext();
		const oversized = `${header}\n${`Review the return interview offer,${'x'.repeat(200)},,,,,,\n`.repeat(6000)}`;
		expect(Buffer.byteLength(oversized)).toBeGreaterThan(UPLOAD_LIMITS.actionsCsvBytes);
		const tooBig = await importActionsCsv(editor, oversized).catch((e) => e);
		expect(tooBig).toBeInstanceOf(InputError);
		expect(tooBig.errors).toEqual({ file: 'Nothing was imported: the CSV is larger than 1 MB.' });

		const long = `${header}\n${'A,,,,,,,\n'.repeat(UPLOAD_LIMITS.importRows + 1)}`;
		const tooLong = await importActionsCsv(editor, long).catch((e) => e);
		expect(tooLong).toBeInstanceOf(InputError);
		expect(tooLong.errors).toEqual({ file: 'Nothing was imported: the CSV has more than 5,000 rows; import at most 5,000 actions at a time.' });
		expect(await actionCount(editor.area.id)).toBe(0);
	});
});

/** A PNG chunk: length, type, data and the CRC over type and data. */
function pngChunk(type: string, data: Uint8Array): Buffer {
	const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([length, body, crc]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const HTML = '<html><body><script>alert(document.cookie)</script></body></html>';

describe('appeal photos', () => {
	const appealInput = (photo: File) => ({
		firstName: 'Jamie',
		age: 16,
		region: 'north-east' as const,
		place: 'Ashdale',
		missingSince: '2026-01-10',
		description: 'Slim build, short dark hair.',
		photo
	});
	const appealCount = async () => (await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(appeals))[0].n;
	const served = async (id: string) => {
		const response = await servePhoto({ params: { id } } as never);
		return { type: response.headers.get('content-type'), nosniff: response.headers.get('x-content-type-options'), bytes: Buffer.from(await response.arrayBuffer()) };
	};

	it('are stored without their metadata: no EXIF, so no GPS position', async () => {
		const staff = await makeUser('consultant');
		const upload = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#7a9' } })
			.jpeg()
			.withExif({ IFD0: { ImageDescription: 'Taken at 12 Acacia Avenue' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1' } })
			.toBuffer();
		expect((await sharp(upload).metadata()).exif).toBeDefined();
		const appeal = await publishAppeal(staff, appealInput(new File([upload], 'jamie.jpg')));
		const photo = await served(appeal.id);
		expect(photo.type).toBe('image/jpeg');
		const metadata = await sharp(photo.bytes).metadata();
		expect(metadata).toMatchObject({ format: 'jpeg', width: 40, height: 30 });
		expect(metadata.exif).toBeUndefined();
		expect(photo.bytes.includes('Exif')).toBe(false);
		expect(photo.bytes.includes('Acacia')).toBe(false);
	});

	it('neutralise a PNG/HTML polyglot: what is served is an image with no markup in it, sent as image/png with nosniff', async () => {
		const staff = await makeUser('consultant');
		const png = await sharp({ create: { width: 16, height: 16, channels: 4, background: '#fff' } }).png().toBuffer();
		const iend = png.length - 12;
		const polyglot = Buffer.concat([png.subarray(0, iend), pngChunk('tEXt', Buffer.from(`Comment\0${HTML}`, 'latin1')), png.subarray(iend), Buffer.from(HTML)]);
		expect(polyglot.includes('<script')).toBe(true);
		const appeal = await publishAppeal(staff, appealInput(new File([polyglot], 'photo.png')));
		const photo = await served(appeal.id);
		expect(photo).toMatchObject({ type: 'image/png', nosniff: 'nosniff' });
		expect(photo.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
		expect(photo.bytes.includes('<html')).toBe(false);
		expect(photo.bytes.includes('<script')).toBe(false);
		expect(await sharp(photo.bytes).metadata()).toMatchObject({ format: 'png', width: 16, height: 16 });
	});

	it('refuse a file with an image\'s first bytes that is no image, and a small file that decodes to a huge canvas, storing nothing', async () => {
		const staff = await makeUser('consultant');
		const before = { appeals: await appealCount(), photos: (await db.select().from(appealPhotos)).length };
		const fake = Buffer.concat([PNG_SIGNATURE, Buffer.from(HTML)]);
		const unreadable = await publishAppeal(staff, appealInput(new File([fake], 'photo.png'))).catch((e) => e);
		expect(unreadable).toBeInstanceOf(InputError);
		expect(unreadable.errors).toEqual({ photo: 'This photo could not be read. Choose a JPEG or PNG photo.' });

		// 10,000 x 10,000 one-bit pixels: 12 MB of zeros, a few kilobytes compressed.
		const side = 10_000;
		const header = Buffer.alloc(13);
		header.writeUInt32BE(side, 0);
		header.writeUInt32BE(side, 4);
		header[8] = 1; // bit depth
		header[9] = 0; // greyscale
		const pixels = deflateSync(Buffer.alloc((1 + side / 8) * side), { level: 9 });
		const bomb = Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', header), pngChunk('IDAT', pixels), pngChunk('IEND', Buffer.alloc(0))]);
		expect(bomb.length).toBeLessThan(UPLOAD_LIMITS.photoBytes);
		const huge = await publishAppeal(staff, appealInput(new File([bomb], 'photo.png'))).catch((e) => e);
		expect(huge).toBeInstanceOf(InputError);
		expect(huge.errors).toEqual({ photo: 'Choose a smaller photo: at most 40 megapixels.' });
		expect({ appeals: await appealCount(), photos: (await db.select().from(appealPhotos)).length }).toEqual(before);
	});
});
