import { describe, expect, it } from 'vitest';
import { regexLiteral, scrubbableNames } from '$lib/server/privacy/match';
import { formerMemberEmail, normaliseAddress } from '$lib/domain/privacy';

describe('matching an address inside text', () => {
	it('escapes every character a regular expression treats specially', () => {
		const pattern = new RegExp(regexLiteral('a.b+c(d)[e]{f}|g^h$i*j?k\\l-m@x.test'), 'i');
		expect(pattern.test('mail A.B+C(D)[E]{F}|G^H$I*J?K\\L-M@X.TEST today')).toBe(true);
		expect(new RegExp(regexLiteral('a.b@x.test')).test('aXb@x.test')).toBe(false);
	});

	it('scrubs only names long enough not to hit ordinary words, once each', () => {
		expect(scrubbableNames(['Erin Example', 'Jo', ' Erin Example ', '', 'Priya'])).toEqual(['Erin Example', 'Priya']);
	});

	it('normalises addresses and gives erased accounts a unique, non-identifying one', () => {
		expect(normaliseAddress('  Erin.Example@Example.TEST ')).toBe('erin.example@example.test');
		expect(formerMemberEmail('abc123')).toBe('former-member-abc123@erased.invalid');
	});
});
