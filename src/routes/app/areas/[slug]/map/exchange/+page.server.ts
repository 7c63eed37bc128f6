import { fail } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { failureFrom } from '$lib/server/forms';
import { ImportError, importMap, parseBlueprint, parseCsv, parseXlsx } from '$lib/server/map/exchange';

const MAX_BYTES = 5 * 1024 * 1024;

export async function load(event) {
	await requireArea(event);
	return {};
}

function fileOf(form: FormData, name: string): File | null {
	const value = form.get(name);
	return value instanceof File && value.size > 0 ? value : null;
}

const refuse = (errors: Record<string, string>, status = 400) => fail(status, { errors, values: {}, rows: [] as string[] });

/** Turns an import's failure into the form's answer: the summary beside the field and each bad row listed. */
function importFailure(event: Parameters<typeof failureFrom>[0], err: unknown) {
	if (err instanceof ImportError) return fail(400, { errors: err.errors, values: {}, rows: err.rows });
	return failureFrom(event, err, {});
}

export const actions = {
	importFile: async (event) => {
		const context = await requireArea(event, 'editor');
		const form = await event.request.formData();
		const file = fileOf(form, 'file');
		if (!file) return refuse({ file: 'Choose an .xlsx or .json file to import.' });
		if (file.size > MAX_BYTES) return refuse({ file: 'The file is larger than 5 MB.' }, 413);
		const name = file.name.toLowerCase();
		try {
			let rows;
			if (name.endsWith('.xlsx')) rows = await parseXlsx(await file.arrayBuffer());
			else if (name.endsWith('.json')) rows = parseBlueprint(await file.text());
			else return refuse({ file: 'Choose a file ending in .xlsx (a Kumu spreadsheet) or .json (a Kumu blueprint).' });
			const summary = await importMap(context, rows);
			return { summary };
		} catch (err) {
			return importFailure(event, err);
		}
	},
	importCsv: async (event) => {
		const context = await requireArea(event, 'editor');
		const form = await event.request.formData();
		const elements = fileOf(form, 'elements');
		const connections = fileOf(form, 'connections');
		if (!elements && !connections) return refuse({ elements: 'Choose the Elements CSV, the Connections CSV, or both.' });
		if ((elements?.size ?? 0) + (connections?.size ?? 0) > MAX_BYTES) return refuse({ elements: 'The files are larger than 5 MB together.' }, 413);
		try {
			const rows = {
				elements: elements ? parseCsv(await elements.text(), 'Elements') : [],
				connections: connections ? parseCsv(await connections.text(), 'Connections') : []
			};
			const summary = await importMap(context, rows);
			return { summary };
		} catch (err) {
			return importFailure(event, err);
		}
	}
};
