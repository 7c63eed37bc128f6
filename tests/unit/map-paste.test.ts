import { describe, expect, it } from 'vitest';
import { PASTE_ROW_LIMIT, readActorPaste, readHandoffPaste } from '$lib/validators/map-paste';

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

describe('reading handoffs pasted from a spreadsheet', () => {
	const actors = [
		{ id: 'a1', name: 'Duty desk' },
		{ id: 'a2', name: 'Youth club' },
		{ id: 'a3', name: 'School nurse' }
	];
	const existing = [{ fromActorId: 'a1', toActorId: 'a2', label: 'Referral call' }];

	it('reads ends by actor name in any case, choices by label, short rating or key, defaults, and skips a header', () => {
		const text = [
			'From\tTo\tLabel\tStage\tRating\tPasses\tApplies to\tGap',
			'duty desk\tYOUTH CLUB\tReturn chat\tReturn\tPatchy\t\t\t',
			'School nurse\tDuty desk\tConcern raised\tbefore\tAbsent (should exist but does not)\tA form\tChildren\tGap'
		].join('\r\n');
		const { rows, error } = readHandoffPaste(text, actors, existing);
		expect(error).toBeNull();
		expect(rows.map((r) => r.errors)).toEqual([{}, {}]);
		expect(rows[0].input).toMatchObject({ fromActorId: 'a1', toActorId: 'a2', label: 'Return chat', stage: 'return', rating: 'patchy', passes: 'information', audience: 'both', isGap: false });
		expect(rows[1].input).toMatchObject({ fromActorId: 'a3', toActorId: 'a1', stage: 'before', rating: 'absent', passes: 'form', audience: 'children', isGap: true });
	});

	it('names each bad row’s problems: unknown or missing actor, same ends, bad choice, taken or repeated label, extra columns', () => {
		const text = [
			'Nobody\tDuty desk\tCall\tDuring\tWorking',
			'\tDuty desk\tCall\tDuring\tWorking',
			'Duty desk\tduty desk\tCall\tDuring\tWorking',
			'Duty desk\tYouth club\tCall\tSometime\tWorking',
			'Duty desk\tYouth club\treferral call\tDuring\tWorking',
			'Youth club\tSchool nurse\tHandover\tAfter\tBroken',
			'Youth club\tSchool nurse\tHandover\tAfter\tBroken',
			'Youth club\tSchool nurse\tNote\tAfter\tBroken\tInformation\tBoth\tMaybe',
			'Youth club\tSchool nurse\tMore\tAfter\tBroken\t\t\t\textra'
		].join('\n');
		const { rows } = readHandoffPaste(text, actors, existing);
		expect(rows.map((r) => Object.keys(r.errors))).toEqual([['fromActorId'], ['fromActorId'], ['toActorId'], ['stage'], ['label'], [], ['label'], ['isGap'], ['row']]);
		expect(rows[0].errors.fromActorId).toBe('No actor called "Nobody" on this map.');
		expect(rows[2].errors.toActorId).toMatch(/different actor/);
		expect(rows[4].errors.label).toBe('Duty desk and Youth club already have a handoff called "referral call".');
		expect(rows[6].errors.label).toMatch(/twice in the paste/);
		expect(rows.filter((r) => r.input).map((r) => r.line)).toEqual([6]);
	});

	it('refuses hostile text as the form does, and says what to paste when nothing is there', () => {
		expect(readHandoffPaste('Duty desk\tYouth club\tBad\u0000label\tDuring\tWorking', actors, []).rows[0].errors.label).toBeTruthy();
		expect(readHandoffPaste('\n', actors, []).error).toMatch(/from, to, label, stage and rating/);
	});
});
