// Spreadsheet cells that cannot run as formulas (OWASP CSV injection): a cell that starts with = + - @ tab or CR
// gets a leading single quote, which spreadsheet programs show as text; reading it back removes that quote.

const DANGEROUS = /^[=+\-@\t\r]/;

export function escapeCell(value: string): string {
	return DANGEROUS.test(value) ? `'${value}` : value;
}

export function unescapeCell(value: string): string {
	return value.startsWith("'") && DANGEROUS.test(value.slice(1)) ? value.slice(1) : value;
}
