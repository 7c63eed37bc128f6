// The one guard for every protected load, action and endpoint: signed-in user, global role, area access.
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { GlobalRole, AreaRole } from '$lib/domain/roles';
import { findAreaAccess, withMinimum, type AreaContext } from '$lib/server/areas';
import { sessionCookieName, validateSessionToken, type SessionUser } from './session';
import { config } from '$lib/server/config';
import { twoFactorStep } from '$lib/domain/two-factor';

type Event = Pick<RequestEvent, 'locals' | 'url' | 'params'>;

/**
 * For a response that outlives its request (an event stream): reads the request's session again and answers the user
 * while it is still valid (not signed out, expired or disabled since), otherwise null.
 */
export function sessionRecheck(event: Pick<RequestEvent, 'cookies' | 'url'>): () => Promise<SessionUser | null> {
	const token = event.cookies.get(sessionCookieName(event.url)) ?? '';
	return async () => (await validateSessionToken(token, { slide: false }))?.user ?? null;
}

const here = (event: Event) =>
	encodeURIComponent(event.url.pathname.replace(/\/__data\.json$/, '') + event.url.search);

/** Where a half-signed-in user must go next: give the second factor, or set one up. */
export function pendingTwoFactor(locals: App.Locals) {
	if (!locals.user || !locals.session) return 'done' as const;
	return twoFactorStep({
		role: locals.user.role,
		enrolled: locals.user.twoFactorEnabled,
		verified: locals.session.twoFactorVerified,
		requireSetting: config.requireTwoFactor
	});
}

/**
 * The signed-in user who has given every factor their account needs; otherwise a redirect to the sign-in step still
 * owed, coming back here afterwards.
 */
export function requireUser(event: Event): SessionUser {
	const user = event.locals.user;
	if (!user) redirect(303, `/login?next=${here(event)}`);
	const step = pendingTwoFactor(event.locals);
	if (step === 'verify') redirect(303, `/login/two-factor?next=${here(event)}`);
	if (step === 'setup') redirect(303, `/login/two-factor/setup?next=${here(event)}`);
	return user;
}

/** A user who has passed the password step, whether or not the second factor is still owed (the 2FA pages). */
export function requirePasswordStep(event: Event) {
	const { user, session } = event.locals;
	if (!user || !session) redirect(303, '/login');
	return { user, session };
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
