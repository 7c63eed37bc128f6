// Form handling shared by every action: parse with a zod schema, keep the user's input, map verb errors to fields.
import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { ConflictError, InputError, NotFoundError } from '$lib/server/errors';
import { RateLimitedError } from '$lib/server/auth/rate-limit';

export type FormValues = Record<string, string>;
export type FieldErrors = Record<string, string>;

// Never echo secrets back into the page.
const SECRET = /password|token|code/i;

function valuesOf(form: FormData): FormValues {
	const values: FormValues = {};
	for (const [key, value] of form) {
		if (typeof value === 'string' && !SECRET.test(key)) values[key] = value;
	}
	return values;
}

function toObject(form: FormData): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [key, value] of form) {
		if (key in out) {
			const prev = out[key];
			out[key] = Array.isArray(prev) ? [...prev, value] : [prev, value];
		} else out[key] = value;
	}
	return out;
}

export function fieldErrors(error: z.ZodError): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of error.issues) {
		if (issue.code === 'unrecognized_keys') {
			errors._form = `This form does not accept: ${issue.keys.join(', ')}.`;
			continue;
		}
		const key = issue.path.length ? String(issue.path[0]) : '_form';
		errors[key] ??= issue.message;
	}
	return errors;
}

export type Parsed<T> =
	| { ok: true; data: T; values: FormValues }
	| { ok: false; failure: ReturnType<typeof fail<{ errors: FieldErrors; values: FormValues }>> };

/** Parses a form post; on any invalid or unknown field returns a 400 failure carrying the errors and the input. */
export async function parseForm<S extends z.ZodType>(request: Request, schema: S): Promise<Parsed<z.output<S>>> {
	const form = await request.formData();
	const values = valuesOf(form);
	const result = schema.safeParse(toObject(form));
	if (!result.success) return { ok: false, failure: fail(400, { errors: fieldErrors(result.error), values }) };
	return { ok: true, data: result.data, values };
}

/** Turns what a verb threw into the failure the form shows; anything unexpected is re-thrown. */
export function failureFrom(event: Pick<RequestEvent, 'setHeaders'>, err: unknown, values: FormValues) {
	const failure = (status: number, errors: FieldErrors, conflict = false) => fail(status, { errors, values, conflict });
	if (err instanceof InputError) return failure(400, err.errors);
	// A stale save: the page shows the saved version in its fields and `values` (the person's) beside it, to merge.
	if (err instanceof ConflictError) return failure(409, { _form: err.message }, true);
	if (err instanceof RateLimitedError) {
		event.setHeaders({ 'retry-after': String(err.retryAfter) });
		return failure(429, { _form: err.message });
	}
	// A forged or stale id: the same 404 as any other thing the user cannot see.
	if (err instanceof NotFoundError) error(404, 'Not found');
	throw err;
}
