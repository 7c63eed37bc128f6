import { fail } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { failureFrom } from '$lib/server/forms';
import { ImportError, importMap, readMapCsvFiles, readMapFile } from '$lib/server/map/exchange';

export async function load(event) {
	await requireArea(event);
	return {};
}

function fileOf(form: FormData, name: string): File | null {
	const value = form.get(name);
	return value instanceof File && value.size > 0 ? value : null;
}

const refuse = (errors: Record<string, string>, status = 400) => fail(status, { errors, values: {}, rows: [] as string[] });

/**
 * Turns an import's failure into the form's answer: each bad row listed under the summary, or, for a file refused
 * as a whole (too large, unreadable), the reason beside the form's file field.
 */
function importFailure(event: Parameters<typeof failureFrom>[0], err: unknown, field: 'file' | 'elements') {
	if (err instanceof ImportError) {
		const errors = err.rows.length ? err.errors : { [field]: err.errors.file };
		return fail(400, { errors, values: {}, rows: err.rows });
	}
	return failureFrom(event, err, {});
}

export const actions = {
	importFile: async (event) => {
		const context = await requireArea(event, 'editor');
		const form = await event.request.formData();
		const file = fileOf(form, 'file');
		if (!file) return refuse({ file: 'Choose an .xlsx or .json file to import.' });
		try {
			const summary = await importMap(context, await readMapFile(file));
			return { summary };
		} catch (err) {
			return importFailure(event, err, 'file');
		}
	},
	importCsv: async (event) => {
		const context = await requireArea(event, 'editor');
		const form = await event.request.formData();
		const elements = fileOf(form, 'elements');
		const connections = fileOf(form, 'connections');
		if (!elements && !connections) return refuse({ elements: 'Choose the Elements CSV, the Connections CSV, or both.' });
		try {
			const summary = await importMap(context, await readMapCsvFiles(elements, connections));
			return { summary };
		} catch (err) {
			return importFailure(event, err, 'elements');
		}
	}
};
