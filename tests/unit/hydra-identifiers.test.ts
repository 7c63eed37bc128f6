import { describe, expect, it } from 'vitest';
import { checkFields, findIdentifiers, validNhsNumber } from '$lib/domain/hydra/identifiers';
import { HYDRA_SECTORS, HYDRA_SECTOR_LABELS, AGE_BANDS, AGE_BAND_LABELS } from '$lib/domain/hydra';

const found = (text: string) => findIdentifiers(text).map((h) => [h.kind, h.text]);

describe('findIdentifiers: what it flags', () => {
	it('finds a full name, with its position', () => {
		const text = 'The call handler speaks to Jordan Whitfield, who is worried.';
		const [hit] = findIdentifiers(text);
		expect(hit).toEqual({ kind: 'name', text: 'Jordan Whitfield', start: 27, end: 43 });
		expect(text.slice(hit.start, hit.end)).toBe('Jordan Whitfield');
	});

	it('finds names with hyphens, apostrophes and honorifics, after a sentence-opening word', () => {
		expect(found('Later Amara Okafor-Blake calls back.')).toEqual([['name', 'Amara Okafor-Blake']]);
		expect(found("Her aunt, Siobhan O'Connell, is on the phone.")).toEqual([['name', "Siobhan O'Connell"]]);
		expect(found('She is seen by Dr Mensah at the walk-in centre.')).toEqual([['name', 'Dr Mensah']]);
		expect(found('Mrs. Tanaka rings the station.')).toEqual([['name', 'Mrs. Tanaka']]);
	});

	it('finds dates of birth in their usual forms, and any date with a year', () => {
		expect(found('DOB: 14/03/2011')).toEqual([['date', 'DOB: 14/03/2011']]);
		expect(found('She was born on 3rd May 2010 in the city.')).toEqual([['date', 'born on 3rd May 2010']]);
		expect(found('Date of birth 2009-11-30.')).toEqual([['date', 'Date of birth 2009-11-30']]);
		expect(found('He was born in 2008.')).toEqual([['date', 'born in 2008']]);
		expect(found('Last seen on 12 January 2024 near the station.')).toEqual([['date', '12 January 2024']]);
		expect(found('Reported on March 4, 2023.')).toEqual([['date', 'March 4, 2023']]);
		expect(found('Incident on 4-3-23.')).toEqual([['date', '4-3-23']]);
	});

	it('finds UK phone numbers in national and international forms', () => {
		expect(found('Her mobile is 07911 123456.')).toEqual([['phone', '07911 123456']]);
		expect(found('Ring the home on 0161 496 0000 after 6.')).toEqual([['phone', '0161 496 0000']]);
		expect(found('Call +44 20 7946 0958 for the duty desk.')).toEqual([['phone', '+44 20 7946 0958']]);
	});

	it('finds UK postcodes, with or without the space, in either case', () => {
		expect(found('Last seen near SW1A 1AA.')).toEqual([['postcode', 'SW1A 1AA']]);
		expect(found('Placed at an address in M11AE.')).toEqual([['postcode', 'M11AE']]);
		expect(found('lives in b33 8th')).toEqual([['postcode', 'b33 8th']]);
	});

	it('finds NHS numbers only when the check digit is valid', () => {
		expect(validNhsNumber('943 476 5919')).toBe(true);
		expect(validNhsNumber('9434765918')).toBe(false);
		expect(found('NHS number 943 476 5919 on the referral.')).toEqual([['nhs_number', '943 476 5919']]);
		expect(found('NHS no. 943-476-5919')).toEqual([['nhs_number', '943-476-5919']]);
		// A bad check digit is not an NHS number (it may still be reported as a number shaped like a phone number).
		expect(findIdentifiers('ref 9434765918').some((h) => h.kind === 'nhs_number')).toBe(false);
	});

	it('finds email addresses and reports them once, not as a name too', () => {
		expect(found('Messages from jordan.whitfield@example.org arrive at night.')).toEqual([
			['email', 'jordan.whitfield@example.org']
		]);
	});

	it('finds street addresses: a house number then a street name and its kind', () => {
		expect(found('She is staying at 14 Acacia Avenue with a friend.')).toEqual([['address', '14 Acacia Avenue']]);
		expect(found('Seen outside 3a, Mill Lane.')).toEqual([['address', '3a, Mill Lane']]);
		expect(found('The flat is at 221 Upper Kestrel Road.')).toEqual([['address', '221 Upper Kestrel Road']]);
		expect(found('Found at 7 Church St. late at night')).toEqual([['address', '7 Church St.']]);
		expect(found('she went to 22 harbour view road')).toEqual([['address', '22 harbour view road']]);
		expect(found('lives at 14 acacia avenue')).toEqual([['address', '14 acacia avenue']]);
		expect(found('Address: 5 Ferndale Crescent, LS1 4AP')).toEqual([
			['address', '5 Ferndale Crescent'],
			['postcode', 'LS1 4AP']
		]);
	});

	it('finds UK vehicle registrations in the current, prefix and suffix formats', () => {
		expect(found('A silver car, AB12 CDE, collects her.')).toEqual([['vehicle', 'AB12 CDE']]);
		expect(found('the car was yk19abc')).toEqual([['vehicle', 'yk19abc']]);
		expect(found('An old van, K123 BCD, is parked up.')).toEqual([['vehicle', 'K123 BCD']]);
		expect(found('Plate ABC 123D seen on camera.')).toEqual([['vehicle', 'ABC 123D']]);
	});

	it('reports several hits in the order they appear', () => {
		const hits = findIdentifiers('Kai Brennan (DOB 02/02/2010) of LS1 4AP, mobile 07700 900123.');
		expect(hits.map((h) => h.kind)).toEqual(['name', 'date', 'postcode', 'phone']);
	});
});

describe('findIdentifiers: what it must not flag', () => {
	it('leaves sector and agency names alone', () => {
		for (const sector of HYDRA_SECTORS) expect(found(`${HYDRA_SECTOR_LABELS[sector]} receive the referral.`), sector).toEqual([]);
		for (const text of [
			"Children's Services",
			"Children's Social Care",
			'NHS Trust',
			'Mental Health Liaison Team',
			'Multi-agency forum',
			'Multi-Agency Safeguarding Hub',
			'Adult Social Care',
			'Northbrook City Council',
			'Ashdale County Council',
			'Duty Inspector',
			'Missing Persons Coordinator',
			'Return Interview Provider',
			'Designated Safeguarding Lead',
			'Independent Reviewing Officer',
			'Philomena Protocol',
			'Kestrel Bay Police Station',
			'Accident and Emergency'
		]) {
			expect(found(`The ${text} is told at once.`), text).toEqual([]);
		}
	});

	it('leaves place-free scenario times, days and months alone', () => {
		for (const text of ['Day 1, 22:40', 'Day 2, 09:15', 'Day 3, 07:00', 'Friday Night', 'Monday Morning', 'Late March']) {
			expect(found(text), text).toEqual([]);
		}
		expect(found('Day 1, 22:40. Day 2, 09:15. Day 14, 18:30.')).toEqual([]);
	});

	it('leaves age bands and ages alone', () => {
		for (const band of AGE_BANDS) expect(found(`A young person aged ${AGE_BAND_LABELS[band]}.`), band).toEqual([]);
		expect(found('A 15-year-old in year 10, missing for 36 hours, third time in 90 days.')).toEqual([]);
	});

	it('leaves ordinary sentences and first names alone', () => {
		expect(
			found(
				'Jordan, 15, has not returned to the children’s home after school. Staff call the police at 22:40 and complete the Philomena Protocol form. The Duty Inspector reviews the risk as medium.'
			)
		).toEqual([]);
		expect(found('The Exploitation Panel meets on Thursday. Their notes say the risk is high.')).toEqual([]);
		expect(found('Call 999 in an emergency, or 101 otherwise.')).toEqual([]);
	});

	it('leaves numbers near street-like words in ordinary prose alone', () => {
		for (const text of [
			'She has 2 close friends at school.',
			'They made 2 calls down the lane before midnight.',
			'It is a 3 hour drive to the coast.',
			'Officers went 5 times this way and back.',
			'Day 1, 22:40: a neighbour sees her in the park.',
			'Day 3, 07:00 Police Station front desk.',
			'Traffic on the M25 and the A1 is slow; she may be on the 36 bus.',
			'In year 10 she missed 12 days of school.',
			'Room 101 of the Kestrel Bay Police Station.'
		]) {
			expect(found(text), text).toEqual([]);
		}
	});
});

describe('checkFields', () => {
	it('names the field, gives an excerpt around each hit and a stable key', () => {
		const hits = checkFields([
			{ field: 'summary', label: 'Summary', text: 'A composite of several real cases, made anonymous. The mother, Grace Adeyemi, reports her missing at night, again.' },
			{ field: 'title', label: 'Title', text: 'Night shift' }
		]);
		expect(hits).toHaveLength(1);
		expect(hits[0]).toMatchObject({ field: 'summary', label: 'Summary', kind: 'name', text: 'Grace Adeyemi' });
		expect(hits[0].excerpt).toContain('The mother, Grace Adeyemi, reports');
		expect(hits[0].excerpt.startsWith('…')).toBe(true);
		expect(hits[0].key).toBe('summary|name|grace adeyemi');
		expect(checkFields([{ field: 'summary', label: 'Summary', text: 'Grace Adeyemi again' }])[0].key).toBe(hits[0].key);
	});

	it('keys a repeated hit in one field apart', () => {
		const hits = checkFields([{ field: 'content', label: 'Content', text: 'Kai Brennan rang. Later Kai Brennan rang again.' }]);
		expect(hits.map((h) => h.key)).toEqual(['content|name|kai brennan', 'content|name|kai brennan|2']);
	});
});

describe('the demo scenario', () => {
	it('is signed off honestly: the check finds nothing in it', async () => {
		const { DEMO_SCENARIO, DEMO_INJECTS } = await import('$lib/server/seed/hydra');
		const { scenarioHits } = await import('$lib/domain/hydra/scenarios');
		expect(DEMO_INJECTS.length).toBeGreaterThanOrEqual(6);
		expect(scenarioHits(DEMO_SCENARIO, DEMO_INJECTS.map((inject, i) => ({ ...inject, id: String(i) })))).toEqual([]);
	});
});
