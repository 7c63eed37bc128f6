// Unsaved input on live pages. A field shows what the person chose or typed until they save it, whatever a live
// re-load brings; these rules decide what the field shows beside it: a choice whose record someone removed, and a
// value that someone else saved under the person's feet (a three-way view: what they started from, theirs, mine).

/** What a person has put in one field and not yet saved. */
export interface Draft {
	/** The value the field holds: text, a chosen record's id, or 'on' / '' for a box. */
	value: string;
	/** For a choice: the chosen option's label, so that it can still be named once the record is gone. */
	label?: string;
	/**
	 * The saved value the person started from. When the saved value moves away from it, someone else changed the field
	 * while the person was editing it. `null`: unknown (input the server handed back after a refused save), so any
	 * difference from the saved value is shown.
	 */
	base: string | null;
}

export interface Option {
	value: string;
	label: string;
}

export interface FieldView {
	/** The value the field shows. */
	shown: string;
	/** The label of a chosen record that is no longer among the choices: it was removed while the person chose it. */
	removed: string | null;
	/** The value now saved, when someone else changed it while the person edited the field (and they differ). */
	theirs: string | null;
}

/**
 * What a field shows, from the saved value (`live`, as the page's data has it now), the person's draft, and for a
 * choice its options. Without a draft the field follows the saved value.
 */
export function fieldView(live: string, draft: Draft | undefined, options?: readonly Option[]): FieldView {
	if (!draft) return { shown: live, removed: null, theirs: null };
	const removed = options && draft.value !== '' && !options.some((o) => o.value === draft.value) ? (draft.label ?? draft.value) : null;
	const moved = draft.base === null || draft.base !== live;
	const theirs = moved && live !== draft.value ? live : null;
	return { shown: draft.value, removed, theirs };
}

/** The label of a value among options (an empty choice reads as "none"). */
export function labelOf(value: string, options?: readonly Option[]): string {
	if (!options) return value;
	return options.find((o) => o.value === value)?.label ?? (value === '' ? 'None' : value);
}

/**
 * The message a field shows for a chosen record that someone removed: the person must choose again, and saving is
 * refused until they do.
 */
export function removedMessage(label: string, by: string | null): string {
	return `“${label}” was removed${by ? ` by ${by}` : ''}. Choose again.`;
}

/** The quiet notice on a form whose record someone else saved while the person was editing it. */
export function changedNotice(by: string | null): string {
	return `Changed by ${by ?? 'someone else'} just now: review the marked fields before saving.`;
}

/** Where drafts are kept: one page's field, by the field's id (ids carry the record's id where a page has many). */
export const draftKey = (path: string, fieldId: string) => `${path}#${fieldId}`;
