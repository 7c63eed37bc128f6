// How an edit form reads its own answer after a refused save: a stale save (409) shows the saved record in the fields
// with the person's input beside each field to merge; any other refusal shows the person's input with its errors.

type Answer = { values?: Record<string, string>; conflict?: boolean } | null | undefined;

export function formValues<R>(answer: Answer, saved: R): { values: R | Record<string, string>; mine: Record<string, string> | undefined } {
	if (answer?.values && answer.conflict) return { values: saved, mine: answer.values };
	return { values: answer?.values ?? saved, mine: undefined };
}
