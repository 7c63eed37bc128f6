// What each diagram's legend says, as data: the page's legend components and the PDF's SVG legends both draw from
// here, so the two can never explain the picture differently.
import { RATINGS, RATING_LABELS, SECTORS, SECTOR_ABBREVIATIONS, SECTOR_LABELS, type Rating, type Sector } from '$lib/domain/map/enums';
import { TOC_KINDS, TOC_KIND_LABELS, type TocKind } from '$lib/domain/toc';
import { SECTOR_STYLE, hasInnerRing, sectorShape } from './shapes';
import { RATING_STYLE } from './styles';

export interface SectorKey {
	sector: Sector;
	label: string;
	abbreviation: string;
	colour: string;
	/** The sector's shape at radius 10, centred on 0,0. */
	path: string;
	ring: boolean;
}

export interface RatingKey {
	rating: Rating;
	label: string;
	stroke: string;
	width: number;
	dash: string | null;
	linecap: 'butt' | 'round';
}

export const sectorKeys = (sectors: readonly Sector[] = SECTORS): SectorKey[] =>
	sectors.map((sector) => ({
		sector,
		label: SECTOR_LABELS[sector],
		abbreviation: SECTOR_ABBREVIATIONS[sector],
		colour: SECTOR_STYLE[sector].colour,
		path: sectorShape(sector, 10),
		ring: hasInnerRing(sector)
	}));

export const ratingKeys = (): RatingKey[] => RATINGS.map((rating) => ({ rating, label: RATING_LABELS[rating], ...RATING_STYLE[rating] }));

/** Kind colours of the theory of change's boxes (a stripe; the band's label says the kind in words). */
export const TOC_STRIPES: Record<TocKind, string> = {
	impact: '#5a2d82',
	long_term_outcome: '#0b5c6b',
	intermediate_outcome: '#1a6b3a',
	short_term_outcome: '#6b5a00',
	output: '#8a4b00',
	activity: '#1f4e99',
	input: '#56606b'
};

export const tocKindKeys = () => TOC_KINDS.map((kind) => ({ kind, label: TOC_KIND_LABELS[kind], colour: TOC_STRIPES[kind] }));

/** The swimlane's own marks, beside the sectors and ratings it shares with the network. */
export const JOURNEY_MARKS = {
	number: 'Handoff number: the key lists each one',
	gap: 'Shaded stage: no handoff for adults',
	start: 'Dot: the organisation that hands over'
} as const;

/** The theory of change's own marks. */
export const TOC_MARKS = {
	arrow: 'Leads to (always upward)',
	number: 'Link number: the table gives its rationale and assumptions',
	flag: 'A warning on the step, in words'
} as const;
