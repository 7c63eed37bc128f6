// What text Homeward accepts from outside: the rule behind every text field (see $lib/validators/common) and the
// imports that read cells themselves. PostgreSQL refuses NUL in text (a 500 if it got that far), lone surrogates
// cannot be stored as UTF-8, and other control characters are invisible mischief in names, exports and mail.

// C0 and C1 controls and DEL. Multi-line text keeps tab, newline and carriage return (forms normalise the last away
// first; a backup file's text is checked as it is, so that its checksum still matches).
const CONTROL_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const CONTROL_CHARACTERS_MESSAGE = 'Remove the control characters from this text.';
export const BROKEN_CHARACTER_MESSAGE = 'This text has a broken character in it. Retype it rather than pasting it.';

export interface TextRule {
	/** Tab and newline allowed (a text area); otherwise one line. */
	multiline?: boolean;
}

/** Windows and old Mac line endings become `\n`, so that only one kind of newline is stored. */
export function normaliseNewlines(value: string, rule: TextRule = {}) {
	return rule.multiline ? value.replace(/\r\n?/g, '\n') : value;
}

/** Why this text cannot be stored, or null when it can (after normaliseNewlines). */
export function textProblem(value: string, rule: TextRule = {}): string | null {
	if ((rule.multiline ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(value)) return CONTROL_CHARACTERS_MESSAGE;
	if (LONE_SURROGATE.test(value)) return BROKEN_CHARACTER_MESSAGE;
	return null;
}

/**
 * The first query-string value or route parameter that breaks the text rule, or null. These reach database lookups
 * without a form (an id in the path, a filter in the query), so they are checked once for every request.
 */
export function addressProblem(query: URLSearchParams, params: Partial<Record<string, string>>): string | null {
	for (const [name, value] of query) {
		const problem = textProblem(name) ?? textProblem(value);
		if (problem) return problem;
	}
	for (const value of Object.values(params)) {
		const problem = value === undefined ? null : textProblem(value);
		if (problem) return problem;
	}
	return null;
}
