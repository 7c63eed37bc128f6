// The one guard for every protected load, action and endpoint: signed-in user, global role, area access.
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { GlobalRole, AreaRole } from '$lib/domain/roles';
import { findAreaAccess, withMinimum, type AreaContext } from '$lib/server/areas';
import type { SessionUser } from './session';

type Event = Pick<RequestEvent, 'locals' | 'url' | 'params'>;

/** The signed-in user, or a redirect to sign-in that comes back here afterwards. */
export function requireUser(event: Event): SessionUser {
	const user = event.locals.user;
	if (!user) {
		const next = event.url.pathname.replace(/\/__data\.json$/, '') + event.url.search;
		redirect(303, `/login?next=${encodeURIComponent(next)}`);
	}
	return user;
}

/** The signed-in user when their global role is one of `roles`; otherwise 403. */
export function requireRole(event: Event, ...roles: GlobalRole[]): SessionUser {
	const user = requireUser(event);
	if (!roles.includes(user.role)) error(403, 'This page is not available to your account.');
	return user;
}

/**
 * The area named by the route's `slug` for the signed-in user, holding at least `minimum`; 404 otherwise, so that an
 * area's existence is never revealed to someone outside it.
 */
export async function requireArea(event: Event, minimum: AreaRole = 'viewer'): Promise<AreaContext> {
	const user = requireUser(event);
	const slug = event.params.slug ?? '';
	// The layout, the page and the hook all ask within one request: look the area up once per request.
	let access = event.locals.areaAccess.get(slug);
	if (!access) {
		access = findAreaAccess(user, slug);
		event.locals.areaAccess.set(slug, access);
	}
	const context = withMinimum(await access, minimum);
	if (!context) error(404, 'Not found');
	return context;
}
