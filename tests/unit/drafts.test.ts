import { describe, expect, it } from 'vitest';
import { changedNotice, draftKey, fieldView, labelOf, removedMessage } from '$lib/domain/drafts';

const actors = [
	{ value: 'a1', label: 'Social worker' },
	{ value: 'a2', label: 'School safeguarding lead' }
];

describe('what a field shows on a live page', () => {
	it('follows the saved value while the person has put nothing in it', () => {
		expect(fieldView('patchy', undefined)).toEqual({ shown: 'patchy', removed: null, theirs: null });
	});

	it('keeps the person’s choice by record, whatever is added or re-ordered around it', () => {
		const view = fieldView('', { value: 'a2', label: 'School safeguarding lead', base: '' }, [{ value: 'a0', label: 'Ambulance service' }, ...actors].reverse());
		expect(view).toEqual({ shown: 'a2', removed: null, theirs: null });
	});

	it('names a chosen record that is no longer among the choices, and keeps it chosen', () => {
		const view = fieldView('', { value: 'a9', label: 'Live drop-in', base: '' }, actors);
		expect(view.shown).toBe('a9');
		expect(view.removed).toBe('Live drop-in');
	});

	it('does not call an empty choice removed', () => {
		expect(fieldView('a1', { value: '', base: 'a1' }, actors).removed).toBeNull();
	});

	it('shows the other person’s save only when it moved away from what the person started from', () => {
		expect(fieldView('Mine', { value: 'Mine', base: 'Old' }).theirs).toBeNull();
		expect(fieldView('Old', { value: 'Mine', base: 'Old' }).theirs).toBeNull();
		expect(fieldView('Theirs', { value: 'Mine', base: 'Old' })).toEqual({ shown: 'Mine', removed: null, theirs: 'Theirs' });
	});

	it('compares input handed back after a refused save (no known base) with whatever is saved', () => {
		expect(fieldView('Theirs', { value: 'Mine', base: null }).theirs).toBe('Theirs');
		expect(fieldView('Mine', { value: 'Mine', base: null }).theirs).toBeNull();
	});
});

describe('the words around it', () => {
	it('names what was removed and by whom', () => {
		expect(removedMessage('Social worker', 'Priya North')).toBe('“Social worker” was removed by Priya North. Choose again.');
		expect(removedMessage('Social worker', null)).toBe('“Social worker” was removed. Choose again.');
	});

	it('says who changed a record being edited', () => {
		expect(changedNotice('Priya North')).toBe('Changed by Priya North just now: review the marked fields before saving.');
		expect(changedNotice(null)).toMatch(/^Changed by someone else just now/);
	});

	it('reads a choice by its label', () => {
		expect(labelOf('a2', actors)).toBe('School safeguarding lead');
		expect(labelOf('', actors)).toBe('None');
		expect(labelOf('free text')).toBe('free text');
	});

	it('keeps one page’s drafts apart by field id', () => {
		expect(draftKey('/app/areas/x/map', 'edit-h1-rating')).not.toBe(draftKey('/app/areas/x/map', 'edit-h2-rating'));
		expect(draftKey('/app/areas/x/map', 'a').startsWith(draftKey('/app/areas/x/map', ''))).toBe(true);
	});
});
