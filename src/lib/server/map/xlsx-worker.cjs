// Reads the sheets of an uploaded .xlsx in a worker thread (see ./xlsx.ts), so that a hostile or huge workbook costs
// this thread's bounded heap and time, never the request loop's. Plain CommonJS: ./xlsx.ts runs it as `eval` code,
// with the paths of fflate and exceljs in workerData (so it works the same from the sources and from the build).
const { parentPort, workerData } = require('node:worker_threads');

const { data, fflatePath, exceljsPath, sheets, limits } = workerData;
const fflate = require(fflatePath);
const ExcelJS = require(exceljsPath);

const answer = (message) => parentPort.postMessage(message);

function cellText(value) {
	if (value === null || value === undefined) return '';
	if (typeof value === 'object') {
		if (value instanceof Date) return value.toISOString();
		if ('richText' in value) return value.richText.map((t) => t.text).join('');
		if ('text' in value) return String(value.text);
		if ('result' in value) return value.result === undefined ? '' : String(value.result);
	}
	return String(value);
}

/** `<row ` or `<row>` elements in a worksheet part: counted in the bytes, before anything builds rows from them. */
function rowElements(bytes) {
	const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	let n = 0;
	for (let at = buffer.indexOf('<row'); at !== -1; at = buffer.indexOf('<row', at + 4)) {
		const next = buffer[at + 4];
		if (next === 0x20 || next === 0x3e || next === 0x09 || next === 0x0a || next === 0x0d) n++;
	}
	return n;
}

async function main() {
	let total = 0;
	let files;
	try {
		// The directory was checked before this thread started; it is read again here because this thread trusts
		// nothing. Each part is inflated into a buffer of its declared size, so a part that lies about its size is
		// cut short (and then unreadable) rather than allowed to grow.
		files = fflate.unzipSync(data, {
			filter: (file) => {
				total += file.originalSize;
				if (total > limits.unpackedBytes) throw new Error('too-large');
				return true;
			}
		});
	} catch (err) {
		return answer({ ok: false, reason: err && err.message === 'too-large' ? 'too-large' : 'unreadable' });
	}
	for (const [name, bytes] of Object.entries(files)) {
		if (/^xl\/worksheets\/[^/]+\.xml$/i.test(name) && rowElements(bytes) > limits.rows + 1) {
			return answer({ ok: false, reason: 'too-many-rows' });
		}
	}
	const workbook = new ExcelJS.Workbook();
	try {
		// Stored again without compression: exceljs unzips what it is given, and this copy is known to be small.
		await workbook.xlsx.load(fflate.zipSync(files, { level: 0 }));
	} catch {
		return answer({ ok: false, reason: 'unreadable' });
	}
	files = null;
	const out = {};
	for (const name of sheets) {
		const ws = workbook.worksheets.find((w) => w.name.trim().toLowerCase() === name.toLowerCase());
		if (!ws) continue;
		if (ws.rowCount > limits.rows + 1) return answer({ ok: false, reason: 'too-many-rows' });
		const header = [];
		ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (header[col] = cellText(cell.value).trim()));
		const rows = [];
		ws.eachRow((row, number) => {
			if (number === 1) return;
			const record = { __row: String(number) };
			let any = false;
			header.forEach((h, col) => {
				if (!h) return;
				const text = cellText(row.getCell(col).value);
				if (text.trim()) any = true;
				record[h] = text;
			});
			if (any) rows.push(record);
		});
		out[name] = rows;
	}
	answer({ ok: true, sheets: out });
}

main().catch(() => answer({ ok: false, reason: 'unreadable' }));
