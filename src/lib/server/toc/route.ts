// Shared pieces of the theory of change's form actions: each failure and success says which form it belongs to, so a
// page with several forms shows the errors beside the right one.
import { error, fail, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { failureFrom, parseForm } from '$lib/server/forms';
import { NotFoundError } from '$lib/server/errors';

/** Parses the form, runs the verb and returns `{ form, ...success }`, or a failure tagged with the form's name. */
export async function runForm<S extends z.ZodType, R extends object>(
	event: RequestEvent,
	name: string,
	schema: S,
	verb: (data: z.output<S>) => Promise<R>
) {
	const form = await parseForm(event.request, schema);
	if (!form.ok) return fail(400, { ...form.failure.data, form: name });
	try {
		return { form: name, ...(await verb(form.data)) };
	} catch (err) {
		const failure = failureFrom(event, err, form.values);
		return fail(failure.status, { ...failure.data, form: name });
	}
}

/** A load's lookup: a missing or foreign id is the same 404 as anything out of reach. */
export async function found<T>(lookup: Promise<T>): Promise<T> {
	try {
		return await lookup;
	} catch (err) {
		if (err instanceof NotFoundError) error(404, 'Not found');
		throw err;
	}
}
