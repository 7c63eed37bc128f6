import { config } from '$lib/server/config';
import { pendingTwoFactor } from '$lib/server/auth/guard';

export function load({ locals }) {
	// Someone who has given a password but still owes the second factor is not signed in yet, as far as pages go.
	const signedIn = pendingTwoFactor(locals) === 'done';
	return { user: signedIn ? locals.user : null, orgName: config.orgName };
}
