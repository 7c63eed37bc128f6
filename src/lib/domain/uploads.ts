// The limits on every file people upload, in one place: a file from outside is checked against these before anything
// reads it whole, so that no upload (a zip bomb, a deeply nested JSON, a huge CSV or image) can take memory or time
// from everyone else's requests. The README ("Configuration", "Appeals", "Import") quotes these numbers.

const MB = 1024 * 1024;

export const UPLOAD_LIMITS = {
	/** A Kumu spreadsheet, blueprint or pair of CSVs for the map, as uploaded. */
	mapFileBytes: 5 * MB,
	/** What an .xlsx unpacks to, all its parts together, read from the zip's directory before anything is unpacked. */
	workbookUnpackedBytes: 20 * MB,
	/** Parts in an .xlsx: a real workbook has a few dozen. */
	workbookEntries: 1000,
	/** Rows in one sheet of a workbook, one CSV file or one list of a blueprint. */
	importRows: 5000,
	/** Memory and time one workbook may take to read (it is read in a worker thread, off the request loop). */
	workbookWorkerHeapMb: 256,
	workbookWorkerMs: 20_000,
	/** Workbooks read at once by one server process; more wait their turn rather than share the memory. */
	workbookWorkersAtOnce: 2,
	/** The action plan CSV, uploaded or pasted. */
	actionsCsvBytes: 1 * MB,
	/** An area backup file. */
	backupBytes: 20 * MB,
	/** How deeply the arrays and objects of an uploaded JSON file (backup or blueprint) may nest. */
	jsonDepth: 32,
	/** An appeal photo as uploaded. */
	photoBytes: 2 * MB,
	/** Pixels an appeal photo may decode to (about 40 megapixels: a 2 MB PNG of one colour can claim far more). */
	photoPixels: 40_000_000,
	/** The longest side of an appeal photo as stored and served; larger photos are scaled down. */
	photoLongestSide: 2000
} as const;

/** "20 MB", "5,000": limits as people read them. */
export const megabytes = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;
export const count = (n: number) => n.toLocaleString('en-GB');

/**
 * How deeply the JSON text's arrays and objects nest, without parsing it: stops counting as soon as `limit` is
 * passed, so a file of a million opening brackets costs one pass and no memory.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
	let depth = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 0x5c) i++; // backslash: skip the escaped character
			else if (c === 0x22) inString = false;
		} else if (c === 0x22) inString = true;
		else if (c === 0x5b || c === 0x7b) {
			if (++depth > limit) return true;
		} else if (c === 0x5d || c === 0x7d) depth--;
	}
	return false;
}
