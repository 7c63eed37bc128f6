// The one text rule at the boundary ($lib/domain/text, $lib/validators/common) and where it is applied.
import { describe, expect, it } from 'vitest';
import { fieldErrors } from '$lib/server/forms';
import { checkedString, optionalLines, requiredText, safeString } from '$lib/validators/common';
import { createActorSchema } from '$lib/validators/map';
import { sightingSchema } from '$lib/validators/heroes';
import { importSchema } from '$lib/validators/actions';
import { auditFilterSchema } from '$lib/validators/admin';
import { addressProblem } from '$lib/domain/text';
import { readKumuRows } from '$lib/domain/map/kumu';

const CONTROL = 'Remove the control characters from this text.';
const BROKEN = 'This text has a broken character in it. Retype it rather than pasting it.';
const sighting = { seenWhen: 'Yesterday at noon', seenWhere: 'Near the station', whatSeen: 'Walking north' };

describe('the shared text schema', () => {
	it('refuses NUL and other control characters in one-line text, tab included', () => {
		for (const value of ['Ann\u0000e', 'Ann\te', 'Ann\ne', 'Ann\re', 'Ann\u001be', 'Ann\u007fe', 'Ann\u0085e']) {
			const result = requiredText('the name').safeParse(value);
			expect(result.success, JSON.stringify(value)).toBe(false);
			expect(result.error!.issues.map((i) => i.message)).toEqual([CONTROL]);
		}
	});

	it('keeps tab and newline in multi-line text, turning Windows line endings into newlines, but refuses NUL', () => {
		expect(optionalLines('the notes').parse('One\r\nTwo\rThree\n\tFour')).toBe('One\nTwo\nThree\n\tFour');
		expect(optionalLines('the notes').safeParse('One\u0000Two').error?.issues[0].message).toBe(CONTROL);
		expect(optionalLines('the notes').safeParse('One\u000bTwo').error?.issues[0].message).toBe(CONTROL);
	});

	it('refuses lone surrogates but keeps whole emoji', () => {
		for (const value of ['x\ud800', '\udc00x', 'a\ud83db']) {
			expect(requiredText('the name').safeParse(value).error?.issues.map((i) => i.message)).toEqual([BROKEN]);
		}
		expect(requiredText('the name').parse('Team 🦊')).toBe('Team 🦊');
	});

	it('normalises to NFC, so the same name typed two ways is stored one way', () => {
		const decomposed = 'Zoe\u0308 Cafe\u0301';
		expect(requiredText('the name').parse(decomposed)).toBe('Zoë Café');
		expect(requiredText('the name').parse(decomposed)).toBe(requiredText('the name').parse('Zoë Café'));
	});

	it('stays chainable: trimming and length limits still apply', () => {
		expect(safeString().trim().max(3).safeParse('  abcd ').success).toBe(false);
		expect(requiredText('the name').safeParse('   ').error?.issues[0].message).toBe('Enter the name.');
	});

	it('checks a backup text without changing it, so its checksum still holds', () => {
		expect(checkedString().parse('Line one\r\nline two')).toBe('Line one\r\nline two');
		expect(checkedString().safeParse('x\u0000').success).toBe(false);
	});
});

describe('the text rule where text arrives', () => {
	it('puts the message next to the field of the public sighting form and the actor form', () => {
		const result = sightingSchema.safeParse({ ...sighting, whatSeen: 'Walking\u0000north' });
		expect(fieldErrors(result.error!)).toEqual({ whatSeen: CONTROL });
		const actor = createActorSchema.safeParse({ name: 'Duty\u0000desk', sector: 'police', kind: 'team', audience: 'both' });
		expect(fieldErrors(actor.error!)).toEqual({ name: CONTROL });
	});

	it('covers query-string filters, ids and CSV imports', () => {
		expect(auditFilterSchema.safeParse({ entity: 'area\u0000' }).success).toBe(false);
		expect(importSchema.safeParse({ csv: 'title\r\nFix it\u0000' }).success).toBe(false);
		expect(importSchema.parse({ csv: 'title,notes\r\n"Fix it","line\tone"' }).csv).toBe('title,notes\n"Fix it","line\tone"');
	});

	it('refuses control characters in any query-string value or route parameter', () => {
		expect(addressProblem(new URLSearchParams('compare=abc'), { slug: 'northbrook' })).toBeNull();
		expect(addressProblem(new URLSearchParams('compare=a%00b'), {})).toBe(CONTROL);
		expect(addressProblem(new URLSearchParams('a%00=1'), {})).toBe(CONTROL);
		expect(addressProblem(new URLSearchParams(''), { id: 'x\u0000' })).toBe(CONTROL);
	});

	it('refuses a Kumu row with a NUL in any cell, naming the row and column', () => {
		const read = readKumuRows({
			elements: [{ Label: 'Duty\u0000desk', Sector: 'police' }, { Label: 'Children’s services', Description: 'Line one\r\nline two' }],
			connections: []
		});
		expect(read).toEqual({ ok: false, errors: ['Elements row 2: the Label has control characters or a broken character in it.'] });
	});
});
