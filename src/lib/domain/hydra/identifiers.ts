// Likely personal identifiers in a training scenario's text: full names, dates of birth (and any date with a year),
// UK phone numbers, UK postcodes, NHS numbers, email addresses, street addresses and UK vehicle registrations. It errs towards flagging: a person signs off every
// hit, so a false alarm costs a click while a miss could expose someone. Pure: no I/O.
import { findPhoneNumbersInText } from 'libphonenumber-js';

export const IDENTIFIER_KINDS = ['name', 'date', 'phone', 'postcode', 'nhs_number', 'email', 'address', 'vehicle'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export const IDENTIFIER_KIND_LABELS: Record<IdentifierKind, string> = {
	name: 'Full name',
	date: 'Date of birth or full date',
	phone: 'Phone number',
	postcode: 'Postcode',
	nhs_number: 'NHS number',
	email: 'Email address',
	address: 'Street address',
	vehicle: 'Vehicle registration'
};

export interface IdentifierHit {
	kind: IdentifierKind;
	/** The text as written. */
	text: string;
	/** Where it starts and ends (exclusive) in the text checked. */
	start: number;
	end: number;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

// The Royal Mail's postcode shape: outward code (area, district) then inward code (sector, unit).
const POSTCODE = /\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b/gi;

// Ten digits, alone or grouped 3-3-4 by spaces or hyphens, not part of a longer number.
const NHS_NUMBER = /(?<![\d-])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d-])/g;

// A house number then a street's name and kind: "14 Acacia Avenue", "3a, Mill Lane", "221 baker street". Names are
// capitalised words; in lower case only the unmistakable kinds count, and not after small words ("2 calls down the
// lane" is prose), so ordinary sentences with a number and "way" or "close" in them pass.
const STREET_KINDS = 'street road avenue lane close drive way crescent grove gardens terrace place court walk mews row square parade hill rise view green park';
// Abbreviations take their full stop with them ("7 Church St."); a full kind's sentence stop stays outside.
const STREET_ABBREVIATIONS = 'st rd ave ln dr cres gdns pl ct sq';
const either = (word: string) => `[${word[0].toUpperCase()}${word[0]}]${word.slice(1)}`;
const HOUSE = `(?<![\\p{L}\\d:/.,-])\\d{1,4}[a-zA-Z]?(?:-\\d{1,4})?,? `;
const ADDRESSES = [
	new RegExp(`${HOUSE}(?:[A-Z][\\p{L}'’-]*\\s){1,3}(?:(?:${STREET_KINDS.split(' ').map(either).join('|')})|(?:${STREET_ABBREVIATIONS.split(' ').map(either).join('|')})\\.?)(?![\\p{L}\\d])`, 'gu'),
	new RegExp(
		`${HOUSE}(?:(?!(?:the|a|an|of|on|in|at|to|by|up|down|and|or|from|more|other|times|hours|minutes|miles|calls|days)\\s)[a-z][a-z'’-]*\\s){1,2}(?:street|road|avenue|lane|crescent|terrace|gardens|mews|grove)(?![\\p{L}\\d])`,
		'gu'
	)
];

// UK number plates: current (AB12 CDE, either case), prefix (A123 BCD) and suffix (ABC 123D), the older two in capitals
// only, since "m25 and" in a sentence is a road.
const VEHICLES = [
	/(?<![\p{L}\d])[A-Za-z]{2}\d{2} ?[A-Za-z]{3}(?![\p{L}\d])/gu,
	/(?<![\p{L}\d])[A-HJ-NP-Y]\d{1,3} ?[A-HJ-PR-Y]{3}(?![\p{L}\d])/gu,
	/(?<![\p{L}\d])[A-HJ-PR-Y]{3} ?\d{1,3}[A-HJ-NP-Y](?![\p{L}\d])/gu
];

const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const DAY = '(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?';
const YEAR = '(?:19|20)\\d{2}';
// One word of a written date: a year, a day, a month, or digits with separators (14/03/2011).
const DATE_WORD = `(?:${YEAR}-\\d{2}-\\d{2}|${YEAR}|\\d{1,2}[/.-]\\d{1,2}(?:[/.-]\\d{2,4})?|${DAY}|(?:${MONTHS})\\.?)(?![\\p{L}\\d])`;
const DATES = [
	// 14/03/2011, 14-3-11, 14.03.2011
	new RegExp(`(?<![\\d/.-])${'(?:[12]\\d|3[01]|0?[1-9])'}[/.-](?:1[0-2]|0?[1-9])[/.-](?:${YEAR}|\\d{2})(?![\\d/-]|\\.\\d)`, 'g'),
	// 2011-03-14
	new RegExp(`(?<!\\d)${YEAR}-(?:1[0-2]|0[1-9])-(?:[12]\\d|3[01]|0[1-9])(?!\\d)`, 'g'),
	// 14 March 2011, 14th of Mar 2011
	new RegExp(`\\b${DAY} (?:of )?(?:${MONTHS})\\.?,? ${YEAR}\\b`, 'gi'),
	// March 14, 2011 / March 2011
	new RegExp(`\\b(?:${MONTHS})\\.? (?:${DAY},? )?${YEAR}\\b`, 'gi'),
	// "born …", "DOB …", "date of birth …": whatever date-like words follow, up to a few
	new RegExp(`\\b(?:born(?: on| in)?|d\\.?o\\.?b\\.?|date of birth)[:\\s]+(?:${DATE_WORD})(?:,? (?:of )?(?:${DATE_WORD}))*`, 'giu')
];

// Mc/Mac names ("McDonald") and O' names ("O'Connell") are one word.
const WORD = /[A-Z](?:[a-z]+|['’][A-Z][a-z]+)(?:[A-Z][a-z]+)?(?:['’-][A-Za-z][a-z]*)*/y;
const HONORIFIC = /^(?:mr|mrs|ms|miss|mx|dr|prof|sir|dame|pc|ds|dc|sgt|insp)$/i;

/**
 * Capitalised words that are not people's names in a scenario: sectors and agencies, roles, places' kinds, days,
 * months, scenario-clock words and the words that start sentences. A run of capitalised words is a name only where two
 * or more of them are outside this list.
 */
const NOT_NAMES = new Set(
	`
	police force constabulary children children's childrens adult adults services service social care health mental nhs
	trust integrated board education school schools academy college university housing provider providers multi agency
	multi-agency forum voluntary family families community communities council county borough city district unit team
	teams department hub mash cid partnership safeguarding missing persons person people home homes hospital ward wards
	ambulance accident emergency a&e gp surgery practice crisis liaison camhs youth justice court station centre center
	office street road lane avenue close drive way park bay hill green square place house estate village town north south
	east west northern southern eastern western upper lower great little new old st saint royal general central
	officer officers inspector sergeant constable detective chief superintendent duty call handler handlers controller
	manager lead leads coordinator co-ordinator worker workers nurse doctor consultant psychiatrist teacher head
	headteacher designated independent reviewing virtual return interview interviews protocol protocols philomena herbert
	strategy meeting panel mace group operation exercise scenario inject injects syndicate syndicates control plenary
	day days night nights morning afternoon evening week weekend month year today tonight yesterday tomorrow time hours
	monday tuesday wednesday thursday friday saturday sunday
	january february march april may june july august september october november december
	the a an and or but if when while after before later earlier then next first second third last this that these those
	there here it its he she they we you i his her their our your my at on in of to for from by with within without
	about over under since until during around near some all any each every no not yes one two three four five six seven
	what who why how where which update report reports risk high medium low assessment review case concern concerns
	information intelligence note notes message messages email text call calls phone letter record records log decision
	decisions action actions outcome prompt prompts facilitator facilitators notes summary background profile
	agency agencies sector sectors partner partners local national regional area areas region
	called named known says said tells told asks asked meets met sees saw seen finds found calls rings reports
	`
		.split(/\s+/)
		.filter(Boolean)
);

function isNameWord(word: string) {
	return !NOT_NAMES.has(word.toLowerCase().replace(/’/g, "'"));
}

/** Runs of capitalised words (separated by single spaces) that hold two or more words not in the list above. */
function findNames(text: string): IdentifierHit[] {
	const hits: IdentifierHit[] = [];
	let i = 0;
	while (i < text.length) {
		// Only at the start of a word.
		if (!/[A-Z]/.test(text[i]) || (i > 0 && /[\p{L}\d'’-]/u.test(text[i - 1]))) {
			i += 1;
			continue;
		}
		const words: { text: string; start: number; end: number }[] = [];
		let at = i;
		for (;;) {
			WORD.lastIndex = at;
			const m = WORD.exec(text);
			// A word must end at a word boundary ("McDonald" is one word; "Smith's" ends at the apostrophe-s).
			if (!m || /[\p{L}\d]/u.test(text[at + m[0].length] ?? '')) break;
			words.push({ text: m[0], start: at, end: at + m[0].length });
			at += m[0].length;
			// Honorifics may carry a full stop: "Dr. Okafor".
			if (text[at] === '.' && HONORIFIC.test(m[0])) at += 1;
			if (text[at] !== ' ' || !/[A-Z]/.test(text[at + 1] ?? '')) break;
			at += 1;
		}
		if (words.length === 0) {
			i += 1;
			continue;
		}
		// Split the run at words that are not names; keep pieces of two or more, or one after an honorific.
		let piece: typeof words = [];
		const flush = () => {
			const honorific = piece.length > 0 && HONORIFIC.test(piece[0].text);
			const named = piece.filter((w) => !HONORIFIC.test(w.text));
			if (named.length >= 2 || (honorific && named.length >= 1)) {
				const start = piece[0].start;
				const end = piece[piece.length - 1].end;
				hits.push({ kind: 'name', text: text.slice(start, end), start, end });
			}
			piece = [];
		};
		for (const w of words) {
			if (HONORIFIC.test(w.text) || isNameWord(w.text)) piece.push(w);
			else flush();
		}
		flush();
		i = words[words.length - 1].end;
	}
	return hits;
}

/** An NHS number's last digit checks the nine before it (modulus 11, weights 10 down to 2). */
export function validNhsNumber(value: string): boolean {
	const digits = value.replace(/\D/g, '');
	if (digits.length !== 10) return false;
	const sum = [...digits.slice(0, 9)].reduce((total, d, i) => total + Number(d) * (10 - i), 0);
	const check = 11 - (sum % 11);
	if (check === 10) return false;
	return (check === 11 ? 0 : check) === Number(digits[9]);
}

function all(text: string, pattern: RegExp, kind: IdentifierKind, keep: (match: string) => boolean = () => true) {
	return [...text.matchAll(pattern)]
		.filter((m) => keep(m[0]))
		.map((m) => ({ kind, text: m[0].trim(), start: m.index!, end: m.index! + m[0].trimEnd().length }));
}

const overlaps = (a: IdentifierHit, b: IdentifierHit) => a.start < b.end && b.start < a.end;

// Where two finds overlap, the more specific wins: an NHS number over a phone, an email over a name inside it.
const PRECEDENCE: IdentifierKind[] = ['email', 'nhs_number', 'date', 'postcode', 'vehicle', 'phone', 'address', 'name'];

/** Every likely identifier in `text`, in the order they appear; overlapping finds are reported once. */
export function findIdentifiers(text: string): IdentifierHit[] {
	if (!text) return [];
	const found: IdentifierHit[] = [
		...all(text, EMAIL, 'email'),
		...all(text, NHS_NUMBER, 'nhs_number', validNhsNumber),
		...DATES.flatMap((pattern) => all(text, pattern, 'date')),
		...all(text, POSTCODE, 'postcode'),
		...ADDRESSES.flatMap((pattern) => all(text, pattern, 'address')),
		...VEHICLES.flatMap((pattern) => all(text, pattern, 'vehicle')),
		// Extended ("possible" rather than "valid"): a number shaped like a UK one is flagged even in an unallocated range.
		...findPhoneNumbersInText(text, { defaultCountry: 'GB', extended: true }).map((m) => ({
			kind: 'phone' as const,
			text: text.slice(m.startsAt, m.endsAt),
			start: m.startsAt,
			end: m.endsAt
		})),
		...findNames(text)
	];
	const kept: IdentifierHit[] = [];
	const ranked = found.sort(
		(a, b) => PRECEDENCE.indexOf(a.kind) - PRECEDENCE.indexOf(b.kind) || b.end - b.start - (a.end - a.start) || a.start - b.start
	);
	for (const hit of ranked) if (!kept.some((k) => overlaps(k, hit))) kept.push(hit);
	return kept.sort((a, b) => a.start - b.start);
}

export interface CheckedField {
	/** Where the text lives, e.g. "summary" or "inject:<id>:content". */
	field: string;
	/** What a person calls it, e.g. "Inject 3 (Day 1, 22:40): content". */
	label: string;
	text: string;
}

export interface FieldHit extends IdentifierHit {
	field: string;
	label: string;
	/** The hit with a little of the text around it, on one line. */
	excerpt: string;
	/** Stable while the text it was found in says the same: what a signer confirms. */
	key: string;
}

const CONTEXT = 30;

function excerptOf(text: string, start: number, end: number) {
	const from = Math.max(0, start - CONTEXT);
	const to = Math.min(text.length, end + CONTEXT);
	const clip = (s: string) => s.replace(/\s+/g, ' ');
	return `${from > 0 ? '…' : ''}${clip(text.slice(from, to)).trim()}${to < text.length ? '…' : ''}`;
}

/** Every hit across a set of fields, each with where it is, a short excerpt and a key that names it. */
export function checkFields(fields: CheckedField[]): FieldHit[] {
	return fields.flatMap((f) => {
		const seen = new Map<string, number>();
		return findIdentifiers(f.text).map((hit) => {
			const base = `${f.field}|${hit.kind}|${hit.text.toLowerCase()}`;
			const n = (seen.get(base) ?? 0) + 1;
			seen.set(base, n);
			return { ...hit, field: f.field, label: f.label, excerpt: excerptOf(f.text, hit.start, hit.end), key: n > 1 ? `${base}|${n}` : base };
		});
	});
}

/** What the check finds in a text, as its kinds' labels ("Phone number, Postcode"); empty when nothing. */
export function flaggedKinds(text: string): string {
	return [...new Set(findIdentifiers(text).map((hit) => IDENTIFIER_KIND_LABELS[hit.kind]))].join(', ');
}
