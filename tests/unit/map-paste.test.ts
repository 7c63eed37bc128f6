import { describe, expect, it } from 'vitest';
import { PASTE_ROW_LIMIT, readActorPaste } from '$lib/validators/map-paste';

describe('reading actors pasted from a spreadsheet', () => {
	it('reads tab-separated rows, choices by label or key in any case, defaults for kind and serves, and skips a header', () => {
		const text = 'Name\tSector\tKind\tServes\tDescription\r\nYouth club\tVoluntary\tteam\tChildren\tOpen evenings\nDuty desk\tpolice\t\t\t\n';
		const { rows, error } = readActorPaste(text, []);
		expect(error).toBeNull();
		expect(rows.map((r) => r.input)).toEqual([
			{ name: 'Youth club', sector: 'voluntary', kind: 'team', audience: 'children', description: 'Open evenings' },
			{ name: 'Duty desk', sector: 'police', kind: 'organisation', audience: 'both', description: '' }
		]);
		expect(rows.map((r) => r.line)).toEqual([1, 2]);
	});
	it('keeps a quoted cell with quotes or a line break whole, as spreadsheets copy it', () => {
		const { rows } = readActorPaste('"Hub ""North"""\tPolice\tTeam\tBoth\t"Two\nlines"', []);
		expect(rows).toHaveLength(1);
		expect(rows[0].errors).toEqual({});
		expect(rows[0].input?.name).toBe('Hub "North"');
		expect(rows[0].input?.description).toBe('Two\nlines');
	});
	it('names each bad row’s problems: unknown choice, missing name, taken or repeated name, extra columns', () => {
		const text = ['Clinic\tHospital', '\tPolice', 'Police HQ\tPolice', 'Shelter\tVoluntary', 'shelter\tVoluntary', 'Extra\tPolice\tTeam\tBoth\t\tmore'].join('\n');
		const { rows } = readActorPaste(text, ['police hq']);
		expect(rows.map((r) => Object.keys(r.errors))).toEqual([['sector'], ['name'], ['name'], [], ['name'], ['row']]);
		expect(rows[2].errors.name).toBe('"Police HQ" is already on the map.');
		expect(rows[4].errors.name).toBe('"shelter" is twice in the paste.');
		expect(rows.filter((r) => r.input).map((r) => r.line)).toEqual([4]);
	});
	it('refuses text hostile to the database the same way as the form', () => {
		const { rows } = readActorPaste('Bad\u0000name\tPolice', []);
		expect(rows[0].input).toBeNull();
		expect(rows[0].errors.name).toBeTruthy();
	});
	it('says what to paste when nothing is there, and limits the size', () => {
		expect(readActorPaste('\n\n', []).error).toMatch(/Paste at least one row/);
		expect(readActorPaste(Array.from({ length: PASTE_ROW_LIMIT + 1 }, (_, i) => `A${i}\tPolice`).join('\n'), []).error).toMatch(/at most/);
	});
});
