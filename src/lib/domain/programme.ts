// The figures the public pages show, each with its source, kept in one place so every page and chart agrees.

export interface Figure {
	/** What is measured, as a row label. */
	label: string;
	/** The share, 0 to 1. */
	share: number;
	/** How the figure is said in words, e.g. "49 of 64 (77%)". */
	text: string;
}

/** Where a figure comes from: who published it, the year, and where a reader can look it up. */
export interface Source {
	name: string;
	year: string;
	href: string;
}

/** "Name (year)", for text that cannot carry a link (a PDF's note gives the link after it). */
export function sourceText(source: Source): string {
	return `${source.name} (${source.year})`;
}

/** The programme's own figures; the About page's sources section says what each one rests on. */
export const PROGRAMME_SOURCE: Source = {
	name: 'The charity’s own research, published on its programme page',
	year: '2026',
	href: '/about-repeat-missing#sources'
};

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

export const PROGRAMME_MODEL_KEYS = ['episode', 'police', 'adults'] as const;
export type ProgrammeModelKey = (typeof PROGRAMME_MODEL_KEYS)[number];

export interface ProgrammeModel {
	key: ProgrammeModelKey;
	title: string;
	/** The model in a sentence, as the public pages and every area's own copy say it. */
	text: string;
	/** Survey statements phrased so that agreeing means the model is held. */
	statements: string[];
}

/**
 * The three professional mental models the programme sets out to shift. Every area starts with a copy of these (it
 * may reword its copy); the public "How it works" page shows them as written here.
 */
export const PROGRAMME_MODELS: ProgrammeModel[] = [
	{
		key: 'episode',
		title: 'Episode, not journey',
		text: 'Support is offered while someone is missing and just after, but going missing is not seen as part of a longer journey that includes what caused it.',
		statements: [
			'Once someone is found, our organisation’s part is done.',
			'Why someone went missing is a matter for other services, not for the missing response.'
		]
	},
	{
		key: 'police',
		title: "It's the police's job",
		text: 'Missing is treated as a matter for the local police, with little part for the council, the NHS, schools and the voluntary sector.',
		statements: [
			'Responding to people who go missing is mainly a job for the police.',
			'My organisation has little to contribute when someone goes missing.'
		]
	},
	{
		key: 'adults',
		title: "Adults don't need follow-up",
		text: 'Children are offered a conversation when they come back; adults who go missing are rarely offered anything once they are found.',
		statements: [
			'Adults who come back from being missing do not need follow-up support.',
			'A conversation after return matters for children, not for adults.'
		]
	}
];
