// Cross-site form posts are refused here rather than by SvelteKit's built-in check, which svelte.config.js turns off
// for one reason: RFC 8058 one-click unsubscribe. Mail providers POST `List-Unsubscribe=One-Click` as a form from
// their own servers with no Origin header, and SvelteKit's check (it runs before any hook) answers every such request
// 403. This is the same rule as SvelteKit's, with that single path exempt; the unsubscribe endpoint needs no session
// and changes nothing but the subscription named by its secret token, so a forged post there can do no harm.

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Paths that accept cross-site form posts: only the one-click unsubscribe endpoint. */
export const CROSS_SITE_FORM_PATHS = [/^\/search-heroes\/unsubscribe\/[a-z0-9]+$/];

function isFormContentType(request: Request) {
	const type = request.headers.get('content-type')?.split(';', 1)[0].trim().toLowerCase() ?? '';
	return FORM_TYPES.includes(type);
}

/** True when the request is a form post from another origin (or none) to a path that does not accept one. */
export function isForbiddenCrossSiteForm(request: Request, url: URL): boolean {
	if (!UNSAFE.has(request.method) || !isFormContentType(request)) return false;
	if (request.headers.get('origin') === url.origin) return false;
	return !CROSS_SITE_FORM_PATHS.some((path) => path.test(url.pathname));
}
