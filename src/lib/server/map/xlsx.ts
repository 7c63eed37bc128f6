// Reading an uploaded .xlsx without letting it hurt the server. An .xlsx is a zip: a 0.4 MB file can unpack to
// gigabytes. So (1) the zip's central directory is read first and a workbook that says it unpacks to more than the
// limit is refused before anything is unpacked; (2) the rest is done in a worker thread with a bounded heap and a
// time limit, where parts are inflated only up to their declared sizes (a part that lies is cut short), sheets with
// too many rows are refused before exceljs builds them, and running out of memory ends that thread, not the server;
// (3) only a few workbooks are read at once per process.
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { unzipSync } from 'fflate';
import { UPLOAD_LIMITS, count, megabytes } from '$lib/domain/uploads';
import type { Row } from '$lib/domain/map/kumu';
import { log } from '$lib/server/log';
import workerSource from './xlsx-worker.cjs?raw';

const require = createRequire(import.meta.url);

export type WorkbookResult =
	| { ok: true; sheets: Record<string, Row[]> }
	| { ok: false; reason: 'unreadable' | 'too-large' | 'too-many-parts' | 'too-many-rows' | 'too-costly'; unpackedBytes?: number };

/** What the zip's directory says about its parts, read without unpacking any of them. */
export function declaredSize(data: Uint8Array): { entries: number; unpackedBytes: number } | null {
	let entries = 0;
	let unpackedBytes = 0;
	try {
		unzipSync(data, {
			filter: (file) => {
				entries++;
				unpackedBytes += file.originalSize;
				return false;
			}
		});
	} catch {
		return null;
	}
	return { entries, unpackedBytes };
}

// Workbooks being read now, and those waiting for a turn: a slot is handed from one to the next.
let reading = 0;
const waiting: (() => void)[] = [];
async function takeTurn() {
	if (reading < UPLOAD_LIMITS.workbookWorkersAtOnce) reading++;
	else await new Promise<void>((resolve) => waiting.push(resolve));
}
function endTurn() {
	const next = waiting.shift();
	if (next) next();
	else reading--;
}

function readInWorker(data: Uint8Array, sheets: string[]): Promise<WorkbookResult> {
	return new Promise((resolve) => {
		const worker = new Worker(workerSource, {
			eval: true,
			workerData: {
				data,
				sheets,
				fflatePath: require.resolve('fflate'),
				exceljsPath: require.resolve('exceljs'),
				limits: { unpackedBytes: UPLOAD_LIMITS.workbookUnpackedBytes, rows: UPLOAD_LIMITS.importRows }
			},
			resourceLimits: { maxOldGenerationSizeMb: UPLOAD_LIMITS.workbookWorkerHeapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 }
		});
		let settled = false;
		const settle = (result: WorkbookResult) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			void worker.terminate();
			resolve(result);
		};
		const timer = setTimeout(() => {
			log.warn({ bytes: data.byteLength }, 'workbook import stopped: it took too long to read');
			settle({ ok: false, reason: 'too-costly' });
		}, UPLOAD_LIMITS.workbookWorkerMs);
		worker.on('message', (message: WorkbookResult) => settle(message));
		worker.on('error', (err: Error & { code?: string }) => {
			log.warn({ bytes: data.byteLength, code: err.code }, 'workbook import stopped: its reader failed');
			settle({ ok: false, reason: 'too-costly' });
		});
		worker.on('exit', () => settle({ ok: false, reason: 'too-costly' }));
	});
}

/** The named sheets of an uploaded workbook as rows keyed by their header, or why it was refused. */
export async function readWorkbook(data: Uint8Array, sheets: string[]): Promise<WorkbookResult> {
	const declared = declaredSize(data);
	if (!declared) return { ok: false, reason: 'unreadable' };
	if (declared.entries > UPLOAD_LIMITS.workbookEntries) return { ok: false, reason: 'too-many-parts' };
	if (declared.unpackedBytes > UPLOAD_LIMITS.workbookUnpackedBytes) return { ok: false, reason: 'too-large', unpackedBytes: declared.unpackedBytes };
	await takeTurn();
	try {
		return await readInWorker(data, sheets);
	} finally {
		endTurn();
	}
}

/** The sentence shown beside the file field for a refused workbook. */
export function workbookRefusal(result: Extract<WorkbookResult, { ok: false }>): string {
	const limit = megabytes(UPLOAD_LIMITS.workbookUnpackedBytes);
	switch (result.reason) {
		case 'too-large':
			return `Nothing was imported: the workbook unpacks to ${megabytes(result.unpackedBytes ?? 0)}, more than the ${limit} Homeward reads. Remove pictures or unused sheets, or import the Elements and Connections as CSV files.`;
		case 'too-many-parts':
			return `Nothing was imported: the workbook has more than ${count(UPLOAD_LIMITS.workbookEntries)} parts, which no map spreadsheet needs.`;
		case 'too-many-rows':
			return `Nothing was imported: a sheet has more than ${count(UPLOAD_LIMITS.importRows)} rows; Homeward imports at most ${count(UPLOAD_LIMITS.importRows)} rows per sheet.`;
		case 'too-costly':
			return `Nothing was imported: the workbook is too large or complex to read (at most ${limit} unpacked). Save it again from your spreadsheet program, or import CSV files.`;
		default:
			return 'Nothing was imported: the file is not a readable .xlsx workbook.';
	}
}
