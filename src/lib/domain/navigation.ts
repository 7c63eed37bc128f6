const HOME = '/app';
const BASE = 'http://homeward.invalid';
// Backslashes (browsers read them as slashes) and control characters (browsers strip tabs and newlines, turning
// `/<tab>/evil.example` into `//evil.example`).
const UNSAFE = /[\\\x00-\x1f\x7f]/;

/** A path that a browser resolves against this site: one `/`, not `//` (another host) or `/\`. */
function isLocalPath(path: string) {
	return path.startsWith('/') && !path.startsWith('//') && !UNSAFE.test(path);
}

/**
 * Where to go after signing in: only a path inside the app, never another site. The input and the normalised result
 * are both checked, because normalising can make a second slash appear (`/app/../..//evil.example` resolves to
 * `//evil.example`); encoded slashes and backslashes are refused as well, in case anything between here and the
 * browser decodes them.
 */
export function safeNext(next: string | null | undefined): string {
	if (!next || !isLocalPath(next)) return HOME;
	let url: URL;
	try {
		url = new URL(next, BASE);
	} catch {
		return HOME;
	}
	if (url.origin !== BASE || /%(2f|5c)/i.test(url.pathname)) return HOME;
	const result = url.pathname + url.search + url.hash;
	let decoded: string;
	try {
		decoded = decodeURIComponent(url.pathname);
	} catch {
		return HOME;
	}
	return isLocalPath(result) && isLocalPath(decoded) ? result : HOME;
}

/**
 * The address of a page with one query parameter set or removed, keeping the others, but not the name of a form
 * action posted to it (`?/addActor`): a link from the page a post without JavaScript returns opens the page.
 */
export function addressWith(url: URL, name: string, value: string | null): string {
	const params = new URLSearchParams(url.searchParams);
	for (const key of [...params.keys()]) if (key.startsWith('/')) params.delete(key);
	if (value) params.set(name, value);
	else params.delete(name);
	const text = params.toString();
	return `${url.pathname}${text ? `?${text}` : ''}`;
}
