import { isHttpError, json, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { building } from '$app/environment';
import { start } from '$lib/server/lifecycle';
import { requireArea } from '$lib/server/auth/guard';
import { log } from '$lib/server/log';
import { securityHeaders } from '$lib/server/security-headers.js';
import { crossSiteFormRefusal, isForbiddenCrossSiteForm } from '$lib/server/csrf';
import { useAddressFallback } from '$lib/server/client-address';
import { addressProblem } from '$lib/domain/text';
import { deleteGuestCookie, guestFromCookies, GUEST_COOKIE } from '$lib/server/rooms/cookie';
import { guestRefusal } from '$lib/domain/rooms';
import { inArrivalOrder } from '$lib/server/db/fair-queue';
import { withServerDrawing } from '$lib/server/map/drawing';
import {
	deleteSessionCookie,
	sessionCookieName,
	setSessionCookie,
	validateSessionToken
} from '$lib/server/auth/session';

export const init: ServerInit = async () => {
	// Prerendering static pages at build time needs no database.
	if (!building) await start();
};

const authenticate: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(sessionCookieName(event.url));
	event.locals.user = null;
	event.locals.session = null;
	event.locals.areaAccess = new Map();
	if (token) {
		const result = await validateSessionToken(token);
		if (result) {
			event.locals.user = result.user;
			event.locals.session = result.session;
			// The cookie expires with the session; it needs sending again only when the session's expiry moved.
			if (result.slid) setSessionCookie(event.cookies, event.url, token, result.session.expiresAt);
		} else {
			deleteSessionCookie(event.cookies, event.url);
		}
	}
	return resolve(event);
};

/** Whether a path is the guest's own room's (its page, data, actions and event stream). */
const inRoom = (path: string, code: string) => path === `/w/${code}` || path.startsWith(`/w/${code}/`);

// A workshop guest is a principal bound to one room. While their place in it lives (room open, guest not removed) the
// cookie reaches that room's routes and nothing of the app or of other rooms: those answer 404, as for anything out of
// reach. Signed-in people keep their own session's reach, whatever guest cookie their browser also holds.
const roomGuest: Handle = async ({ event, resolve }) => {
	event.locals.guest = null;
	if (!event.cookies.get(GUEST_COOKIE)) return resolve(event);
	const session = await guestFromCookies(event.cookies);
	if (!session) {
		deleteGuestCookie(event.cookies);
		return resolve(event);
	}
	event.locals.guest = session;
	const path = event.url.pathname;
	const confined = !event.locals.user && !guestRefusal(session.room, session.guest, new Date());
	if (confined && (path === '/app' || path.startsWith('/app/') || (path.startsWith('/w/') && !inRoom(path, session.room.code))))
		return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain;charset=utf-8', 'cache-control': 'no-store' } });
	return resolve(event);
};

// Pages get their CSP from kit.csp (with nonces); every other response gets the strict fallback.
const secure: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	useAddressFallback(event);
	// What the request asks of the embedded database ranks by when it arrived (src/lib/server/db/fair-queue.ts).
	const response = await inArrivalOrder(() => resolve(event));
	const h = response.headers;
	for (const [name, value] of Object.entries(securityHeaders(event.url.protocol === 'https:'))) {
		if (!h.has(name)) h.set(name, value);
	}
	if (event.locals.user || event.url.pathname.startsWith('/app')) h.set('cache-control', 'no-store');
	log.debug(
		{ method: event.request.method, route: event.route.id, status: response.status, ms: Math.round(performance.now() - started) },
		'request'
	);
	return response;
};

// Loads answer an area outside the user's reach with 404, but SvelteKit wraps that in a 200 `__data.json`; refuse
// those requests outright so that client-side navigation reveals no more than a page load does.
const areaDataRequests: Handle = async ({ event, resolve }) => {
	if (event.isDataRequest && event.locals.user && event.route.id?.startsWith('/app/areas/[slug]')) {
		try {
			await requireArea(event);
		} catch (err) {
			if (isHttpError(err, 404)) return json({ message: 'Not found' }, { status: 404 });
			throw err;
		}
	}
	return resolve(event);
};

// SvelteKit's origin check, kept for every path but one-click unsubscribe (see src/lib/server/csrf.ts).
const csrf: Handle = async ({ event, resolve }) => {
	if (isForbiddenCrossSiteForm(event.request, event.url)) return crossSiteFormRefusal(event.request, event.url);
	return resolve(event);
};

// A `%00` in a query string or path parameter would reach a database lookup and fail there with a 500; the forms'
// text rule refuses it here instead, with a plain 400.
const hostileAddress: Handle = async ({ event, resolve }) => {
	// Prerendered pages have no query string to check (and may not read one).
	if (building) return resolve(event);
	const problem = addressProblem(event.url.searchParams, event.params);
	if (problem) return new Response(`This address cannot be used. ${problem}`, { status: 400, headers: { 'content-type': 'text/plain;charset=utf-8' } });
	return resolve(event);
};

// A drawing the server made once and reuses goes into the page after SvelteKit renders it (see
// $lib/server/map/drawing), so the render and SvelteKit's entity tag cost what the page without it costs.
const serverDrawings: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	return event.locals.drawing && response.headers.get('content-type')?.startsWith('text/html')
		? withServerDrawing(response, event.locals.drawing)
		: response;
};

export const handle = sequence(secure, hostileAddress, csrf, authenticate, roomGuest, areaDataRequests, serverDrawings);

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status >= 500) log.error({ err: error, route: event.route.id, method: event.request.method }, 'unhandled error');
	return { message: status >= 500 ? 'Something went wrong on our side. Please try again.' : message };
};
