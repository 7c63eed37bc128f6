import { config } from '$lib/server/config';

export function load({ locals }) {
	return { user: locals.user, orgName: config.orgName };
}
