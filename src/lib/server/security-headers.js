// Security headers for every response. Plain JavaScript so that both the SvelteKit hook and the Node server in
// scripts/server.js (which also serves static files and SvelteKit's own early refusals) apply the same set.
// The full Content-Security-Policy, with nonces, comes from kit.csp on pages; this fallback covers everything else.

/** @param {boolean} https */
export function securityHeaders(https) {
	/** @type {Record<string, string>} */
	const headers = {
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'strict-origin-when-cross-origin',
		'x-frame-options': 'DENY',
		'permissions-policy': 'camera=(), microphone=(), geolocation=()',
		'cross-origin-opener-policy': 'same-origin',
		// Only frame-ancestors: prerendered pages carry the rest of their policy in a <meta> tag, which this must not narrow.
		'content-security-policy': "frame-ancestors 'none'"
	};
	if (https) headers['strict-transport-security'] = 'max-age=63072000; includeSubDomains';
	return headers;
}
