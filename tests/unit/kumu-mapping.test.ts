import { describe, expect, it } from 'vitest';
import { guessKind, guessMapping, guessPasses, guessSector, mappingFromParams, mappingNeeds } from '$lib/domain/map/kumu-mapping';
import { planImport, summaryFromQuery, summaryQuery } from '$lib/domain/map/import-plan';
import { readKumuRows, type KumuRows } from '$lib/domain/map/kumu';

const rows: KumuRows = {
	elements: [
		{ Label: 'Northvale Constabulary', Type: 'Organization' },
		{ Label: 'Brightside Youth Club', Type: 'Charity' },
		{ Label: 'Ward nurse', Type: 'Person' },
		{ Label: 'Housing desk', Sector: 'housing' }
	],
	connections: [
		{ From: 'Brightside Youth Club', To: 'Northvale Constabulary', Type: 'Referral' },
		{ From: 'Ward nurse', To: 'Housing desk', Type: 'Patchy', Stage: 'after' },
		{ From: 'Housing desk', To: 'Ward nurse', Type: 'Call', Direction: 'mutual' }
	]
};

describe('the mapping step of a Kumu import', () => {
	it('asks only what the file leaves open', () => {
		const needs = mappingNeeds(rows);
		// The element with its own Sector needs no mapping; the connection typed as a rating needs no "passes".
		expect(needs.elementTypes.map((t) => [t.type, t.count])).toEqual([
			['Charity', 1],
			['Organization', 1],
			['Person', 1]
		]);
		expect(needs.connectionTypes.map((t) => t.type)).toEqual(['Call', 'Referral']);
		expect(needs).toMatchObject({ withoutStage: 2, withoutRating: 2, undirected: 1 });
	});

	it('guesses from common words and leaves the rest as Other', () => {
		expect(['Police force', 'NHS trust', 'CAMHS', 'Secondary school', 'Charity', 'Foster carer', 'Funder'].map(guessSector)).toEqual([
			'police',
			'health',
			'mental_health',
			'education',
			'voluntary',
			'care_provider',
			'other'
		]);
		expect(['Organization', 'Team', 'Person'].map(guessKind)).toEqual(['organisation', 'team', 'role']);
		expect(['Referral', 'Information sharing', 'Report', 'Form', 'Call'].map(guessPasses)).toEqual(['referral', 'information', 'form', 'form', 'information']);
	});

	it('reads choices from an address, keeping the guess for anything missing or unknown', () => {
		const needs = mappingNeeds(rows);
		const mapping = mappingFromParams(new URLSearchParams({ e0: 'skip', e1: 'spies', k2: 'team', c0: 'person', stage: 'never', rating: 'broken' }), needs);
		expect(mapping.elements.charity.sector).toBeNull();
		expect(mapping.elements.organization.sector).toBe(guessMapping(needs).elements.organization.sector);
		expect(mapping.elements.person.kind).toBe('team');
		expect(mapping.connections.call).toBe('person');
		expect(mapping.stage).toBe('during');
		expect(mapping.rating).toBe('broken');
	});

	it('skips a skipped type\'s elements and their connections, and plans adds, updates and unchanged rows', () => {
		const needs = mappingNeeds(rows);
		const read = readKumuRows(rows, ['Housing desk'], mappingFromParams(new URLSearchParams({ e0: 'skip' }), needs));
		if (!read.ok) throw new Error(read.errors.join('\n'));
		expect(read.skipped).toEqual([
			'Elements row 3: "Brightside Youth Club" skipped, as its type "Charity" is set to skip.',
			'Connections row 2: Brightside Youth Club to Northvale Constabulary skipped, as "Brightside Youth Club" is skipped.'
		]);
		const current = {
			actors: [{ id: 'a1', name: 'Housing desk', sector: 'housing' as const, kind: 'organisation' as const, description: '', audience: 'both' as const }],
			handoffs: []
		};
		const plan = planImport(current, read);
		expect(plan.actors.add.map((a) => a.name)).toEqual(['Northvale Constabulary', 'Ward nurse']);
		expect(plan.actors.unchanged).toBe(1);
		expect(plan.handoffs.add.map((h) => [h.from, h.to, h.rating])).toEqual([
			['Ward nurse', 'Housing desk', 'patchy'],
			['Housing desk', 'Ward nurse', 'working']
		]);
	});

	it('carries a finished import\'s counts in the address, and nothing else', () => {
		const summary = { actorsAdded: 2, actorsUpdated: 0, handoffsAdded: 5, handoffsUpdated: 1 };
		expect(summaryFromQuery(summaryQuery(summary))).toEqual(summary);
		expect(summaryFromQuery('1.2.3')).toBeNull();
		expect(summaryFromQuery('<b>.1.1.1')).toBeNull();
	});
});
