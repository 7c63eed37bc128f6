/**
 * Where to go after signing in: only a path inside the app, never another site. Control characters are refused
 * because browsers strip tabs and newlines, turning `/<tab>/evil.example` into `//evil.example`.
 */
export function safeNext(next: string | null | undefined): string {
	if (!next || !next.startsWith('/') || /[\\\x00-\x1f\x7f]/.test(next)) return '/app';
	const base = 'http://homeward.invalid';
	const url = new URL(next, base);
	return url.origin === base ? url.pathname + url.search + url.hash : '/app';
}
