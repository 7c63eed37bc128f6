import { fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { failureFrom } from '$lib/server/forms';
import { ActionImportError, importActionsCsv } from '$lib/server/actions/csv';
import { importSchema } from '$lib/validators/actions';
import { CSV_COLUMNS } from '$lib/domain/actions';
import type { FieldErrors } from '$lib/server/forms';
import { InputError } from '$lib/server/errors';
import { UPLOAD_LIMITS, count, megabytes } from '$lib/domain/uploads';

const refuse = (errors: FieldErrors, problems: string[] = []) => fail(400, { errors, problems });

export async function load(event) {
	await requireArea(event, 'editor');
	return { columns: CSV_COLUMNS, limits: { size: megabytes(UPLOAD_LIMITS.actionsCsvBytes), rows: count(UPLOAD_LIMITS.importRows) } };
}

export const actions = {
	default: async (event) => {
		const context = await requireArea(event, 'editor');
		const data = await event.request.formData();
		const file = data.get('file');
		const pasted = data.get('csv');
		const unknown = [...data.keys()].filter((k) => k !== 'file' && k !== 'csv');
		if (unknown.length) return refuse({ _form: `This form does not accept: ${unknown.join(', ')}.` });
		const fromFile = file instanceof File && file.size > 0;
		// Measured before it is read: a file over the limit is never taken into memory as text.
		if (fromFile && file.size > UPLOAD_LIMITS.actionsCsvBytes) {
			return refuse({ file: `Nothing was imported: the CSV is larger than ${megabytes(UPLOAD_LIMITS.actionsCsvBytes)}.` });
		}
		const text = fromFile ? await file.text() : typeof pasted === 'string' ? pasted : '';
		const parsed = importSchema.safeParse({ csv: text });
		if (!parsed.success) return refuse({ csv: parsed.error.issues[0].message });
		if (!text.trim()) return refuse({ csv: 'Choose a CSV file or paste its contents.' });
		let imported: number;
		try {
			imported = (await importActionsCsv(context, parsed.data.csv)).imported;
		} catch (err) {
			if (err instanceof ActionImportError) return refuse({ _form: err.message }, err.problems);
			// The verb names the file; pasted text has its own field.
			if (err instanceof InputError && err.errors.file && !fromFile) return refuse({ csv: err.errors.file });
			return failureFrom(event, err, {});
		}
		redirect(303, `/app/areas/${context.area.slug}/actions?imported=${imported}`);
	}
};
