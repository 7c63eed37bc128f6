// The one keeper of unsaved input on live pages. Fields (ui Field, TextArea, Select, Checkbox) keep what a person
// chose or typed here, keyed by page and field id, so that a live re-load, which may re-render or re-order a form or
// tear down and rebuild a panel, never changes it. A draft ends when its form is saved (an answer below 400) or the
// person leaves the page; a refused save (400, 409) keeps it. The maps are only ever written in the browser (by input
// and toggle events), so on the server every field simply renders what the page gives it.
import { SvelteMap } from 'svelte/reactivity';
import { page } from '$app/state';
import { draftKey, fieldView, type Draft, type Option } from '$lib/domain/drafts';

const drafts = new SvelteMap<string, Draft>();
/** Drafts sent with a form whose answer has not come back yet. */
const sent = new Set<string>();
/** Open or closed disclosure panels (`<details>`), kept like drafts. */
const panels = new SvelteMap<string, boolean>();

const keyOf = (id: string) => draftKey(page.url.pathname, id);

/**
 * A field's live state: `live` is the saved value as the page's data has it now; `mine` seeds the draft with input
 * the server handed back after a refused save (no JavaScript needed for it to show).
 */
export function fieldDraft(id: () => string, live: () => string, options?: () => readonly Option[] | undefined, mine?: () => string | undefined) {
	const current = () => {
		const kept = drafts.get(keyOf(id()));
		if (kept) return kept;
		const seeded = mine?.();
		return seeded === undefined ? undefined : { value: seeded, base: null };
	};
	const view = $derived(fieldView(live(), current(), options?.()));
	return {
		get view() {
			return view;
		},
		/**
		 * The person put `value` in the field (with its label, for a choice). It is theirs from now on, even when it is
		 * what the field showed already: a default that moves (the newest inject, say) must not take a choice with it.
		 */
		input(value: string, label?: string) {
			drafts.set(keyOf(id()), { value, label, base: current()?.base ?? live() });
		},
		/** Keep mine: the person has seen the other change and keeps their own value. */
		keep() {
			const draft = current();
			if (draft) drafts.set(keyOf(id()), { ...draft, base: live() });
		},
		/** Take theirs: the field shows the saved value again. */
		take() {
			drafts.set(keyOf(id()), { value: live(), base: live() });
		},
		/** Follows the control's form: a draft sent with it ends when the save succeeds. Returns the clean-up. */
		follow(control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement) {
			const form = control.form;
			const send = () => {
				if (current()) sent.add(keyOf(id()));
			};
			form?.addEventListener('submit', send);
			return () => form?.removeEventListener('submit', send);
		}
	};
}

/** Ends the drafts that went with a form, once its answer came back: saved (below 400) ends them; refused keeps them. */
export function answered(status: number) {
	if (status < 400) for (const key of sent) drafts.delete(key);
	sent.clear();
}

/** The person left the page: what they left unsaved there goes (a browser's own form restore does not apply either). */
export function leftPage(path: string) {
	const prefix = draftKey(path, '');
	for (const key of drafts.keys()) if (!key.startsWith(prefix)) drafts.delete(key);
	for (const key of panels.keys()) if (!key.startsWith(prefix)) panels.delete(key);
	sent.clear();
}

/**
 * A disclosure panel (`<details {...panel(id, initial)}>`) that stays as the person left it across live re-loads,
 * and otherwise opens as the page says (`initial`, e.g. when its form came back with errors).
 */
export function panel(id: string, initial: boolean) {
	return {
		open: panels.get(keyOf(id)) ?? initial,
		ontoggle: (e: Event) => panels.set(keyOf(id), (e.currentTarget as HTMLDetailsElement).open)
	};
}
