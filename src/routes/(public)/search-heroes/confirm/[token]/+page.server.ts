import { fail } from '@sveltejs/kit';
import { confirmSubscription, findConfirmation } from '$lib/server/heroes';

// The link opens this page; only the button's POST confirms, so mail scanners that follow links confirm nothing.
export async function load({ params }) {
	return { confirmation: await findConfirmation(params.token) };
}

export const actions = {
	default: async ({ params }) => {
		if (!(await confirmSubscription(params.token))) return fail(404, { confirmed: false });
		return { confirmed: true };
	}
};
