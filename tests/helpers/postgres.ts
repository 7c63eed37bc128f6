// Naming and addressing of the throwaway PostgreSQL databases that tests create beside DATABASE_URL's.

/** The same server, connected to the maintenance database, for CREATE and DROP DATABASE. */
export function adminUrl(url: string) {
	return withDatabase(url, 'postgres');
}

export function withDatabase(url: string, name: string) {
	const u = new URL(url);
	u.pathname = `/${name}`;
	return u.toString();
}

export function templateName() {
	const base = new URL(process.env.DATABASE_URL ?? 'postgres://x/homeward').pathname.slice(1) || 'homeward';
	return `${base}_template`;
}
