// The figures the public pages show, each with its source, kept in one place so every page and chart agrees.

export interface Figure {
	/** What is measured, as a row label. */
	label: string;
	/** The share, 0 to 1. */
	share: number;
	/** How the figure is said in words, e.g. "49 of 64 (77%)". */
	text: string;
}

export const PROGRAMME_SOURCE = "The charity's programme page (2026), from its own research";

export const REPEAT_SHARE: Figure[] = [
	{ label: 'Reports about adults', share: 0.5, text: 'more than 50%' },
	{ label: 'Reports about children and young people', share: 0.75, text: '75%' }
];

/** "n of m (p%)", with p rounded to a whole percent. */
export function ofText(n: number, m: number): string {
	return `${n} of ${m} (${Math.round((n / m) * 100)}%)`;
}

export const HARM_AMONG_RETURNED_ADULTS: Figure[] = [
	{ label: 'Experienced harm while away', share: 49 / 64, text: ofText(49, 64) },
	{ label: 'Disclosed trying to take their own life', share: 26 / 63, text: ofText(26, 63) },
	{ label: 'Disclosed another form of harm (threats, sexual assault, physical violence)', share: 0.6, text: '60%' }
];

export const NATIONAL_SCALE = {
	people: 170_000,
	incidents: 330_000,
	source: 'National Crime Agency (NCA), 2023/24'
};

export const SERIOUS_HARM = {
	quote:
		'A risk which is life threatening and/or traumatic, and from which recovery, whether physical or psychological, can be expected to be difficult or impossible.',
	source: 'Home Office (2002) and OASys (2006)'
};
