/** Where to go after signing in: only a path inside the app, never another site. */
export function safeNext(next: string | null | undefined): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/app';
	return next;
}
