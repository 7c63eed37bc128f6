// The area backup file: its version, its canonical form and checksum. Pure, so that the rules are testable alone.

export const BACKUP_FORMAT = 'homeward-area-backup';
/** The version this Homeward writes; see $lib/server/backup for what each version carries. */
export const BACKUP_VERSION = 2;
/** The versions this Homeward restores: version 1 (map and actions only) is read and brought up to date. */
export const READABLE_VERSIONS = [1, 2] as const;

/**
 * JSON with every object's keys sorted, so that the same content always gives the same text (and checksum),
 * whatever order a program that read and wrote the file left the keys in.
 */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

/** Stable references for ids in the file: `prefix` + 1-based position. */
export function refsFor(ids: string[], prefix: string, start = 0): Map<string, string> {
	return new Map(ids.map((id, i) => [id, `${prefix}${start + i + 1}`]));
}
