// An exercise id nobody can see (unknown or forged) answers 404, like anything else the user cannot see.
import { error } from '@sveltejs/kit';
import { NotFoundError } from '$lib/server/errors';

export async function notFoundAs404<T>(promise: Promise<T>): Promise<T> {
	try {
		return await promise;
	} catch (err) {
		if (err instanceof NotFoundError) error(404, 'Not found');
		throw err;
	}
}
