import { fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { failureFrom } from '$lib/server/forms';
import { NotFoundError } from '$lib/server/errors';
import {
	ImportError,
	cancelImport,
	confirmImport,
	previewImport,
	readMapCsvFiles,
	readMapFile,
	stageImport,
	type ImportSummary
} from '$lib/server/map/exchange';
import { summaryFromQuery, summaryQuery } from '$lib/domain/map/import-plan';

// The page has three states: upload (and export); the mapping step for an uploaded file (`?import=<id>` and the
// mapping's choices); and the summary of a finished import (`?imported=`).
export async function load(event) {
	const context = await requireArea(event);
	const { searchParams } = event.url;
	const importId = searchParams.get('import');
	const summary: ImportSummary | null = summaryFromQuery(searchParams.get('imported'));
	if (!importId || context.role === 'viewer') return { summary, step: null, expired: false };
	try {
		return { summary, step: { id: importId, ...(await previewImport(context, importId, searchParams)) }, expired: false };
	} catch (err) {
		if (err instanceof NotFoundError) return { summary, step: null, expired: true };
		throw err;
	}
}

function fileOf(form: FormData, name: string): File | null {
	const value = form.get(name);
	return value instanceof File && value.size > 0 ? value : null;
}

const refuse = (errors: Record<string, string>, status = 400) => fail(status, { errors, values: {}, rows: [] as string[] });

/**
 * Turns an upload's failure into the form's answer: each bad row listed under the summary, or, for a file refused
 * as a whole (too large, unreadable), the reason beside the form's file field.
 */
function importFailure(event: Parameters<typeof failureFrom>[0], err: unknown, field: 'file' | 'elements') {
	if (err instanceof ImportError) {
		const errors = err.rows.length ? err.errors : { [field]: err.errors.file };
		return fail(400, { errors, values: {}, rows: err.rows });
	}
	return failureFrom(event, err, {});
}

/** The mapping step's choices as posted with the confirm button. */
async function choicesOf(request: Request) {
	const params = new URLSearchParams();
	for (const [name, value] of await request.formData()) if (typeof value === 'string') params.append(name, value);
	return params;
}

const mappingStep = (slug: string, id: string) => `/app/areas/${slug}/map/exchange?import=${encodeURIComponent(id)}`;

export const actions = {
	importFile: async (event) => {
		const context = await requireArea(event, 'editor');
		const form = await event.request.formData();
		const file = fileOf(form, 'file');
		if (!file) return refuse({ file: 'Choose an .xlsx or .json file to import.' });
		let id: string;
		try {
			id = await stageImport(context, await readMapFile(file), file.name);
		} catch (err) {
			return importFailure(event, err, 'file');
		}
		redirect(303, mappingStep(context.area.slug, id));
	},
	importCsv: async (event) => {
		const context = await requireArea(event, 'editor');
		const form = await event.request.formData();
		const elements = fileOf(form, 'elements');
		const connections = fileOf(form, 'connections');
		if (!elements && !connections) return refuse({ elements: 'Choose the Elements CSV, the Connections CSV, or both.' });
		let id: string;
		try {
			const name = [elements?.name, connections?.name].filter(Boolean).join(' and ');
			id = await stageImport(context, await readMapCsvFiles(elements, connections), name);
		} catch (err) {
			return importFailure(event, err, 'elements');
		}
		redirect(303, mappingStep(context.area.slug, id));
	},
	confirmImport: async (event) => {
		const context = await requireArea(event, 'editor');
		const choices = await choicesOf(event.request);
		const id = choices.get('import');
		if (!id) return refuse({ _form: 'Upload a file to import first.' });
		let summary: ImportSummary;
		try {
			summary = await confirmImport(context, id, choices);
		} catch (err) {
			if (err instanceof NotFoundError) return refuse({ _form: err.message }, 404);
			return importFailure(event, err, 'file');
		}
		redirect(303, `/app/areas/${context.area.slug}/map/exchange?imported=${summaryQuery(summary)}`);
	},
	cancelImport: async (event) => {
		const context = await requireArea(event, 'editor');
		const id = (await choicesOf(event.request)).get('import');
		if (!id) return refuse({ _form: 'There is no import to cancel.' });
		await cancelImport(context, id);
		redirect(303, `/app/areas/${context.area.slug}/map/exchange`);
	}
};
