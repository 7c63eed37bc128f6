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

const escapeHtml = (s: string) =>
	s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The refusal, worded for the person most likely to meet it: someone who opened Homeward at another address of the
 * same machine (127.0.0.1 when ORIGIN says localhost, or a network address). It names the address to open instead;
 * a forged post from another site learns nothing from that, and nothing was changed.
 */
export function crossSiteFormRefusal(request: Request, url: URL): Response {
	const message = `This address is not the one Homeward was set up for: open ${url.origin} (the address in ORIGIN) and try again.`;
	// A form enhanced with `use:enhance` posts with fetch and reads an ActionResult: as an error, it shows the error page.
	if (request.headers.get('x-sveltekit-action') === 'true') return Response.json({ type: 'error', error: { message } }, { status: 403 });
	if (request.headers.get('accept') === 'application/json') return Response.json({ message }, { status: 403 });
	const target = escapeHtml(url.origin + url.pathname);
	const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Open Homeward at its own address</title></head>
<body>
<main>
<h1>Open Homeward at its own address</h1>
<p>This address is not the one Homeward was set up for: open <a href="${target}">${escapeHtml(url.origin)}</a> and try again.</p>
<p>Nothing was sent or changed. Forms only work at the address Homeward was started with (its <code>ORIGIN</code> setting).</p>
</main>
</body>
</html>
`;
	return new Response(html, { status: 403, headers: { 'content-type': 'text/html; charset=utf-8' } });
}
