// Hydra training: the words and limits shared by the scenario library, scheduled events, live exercises and debriefs.
import { PARTICIPANT_SECTORS, PARTICIPANT_SECTOR_LABELS } from '../surveys';

/** Who an inject goes to, and the agency a syndicate or a decision belongs to: the sectors of the map, not a person. */
export const HYDRA_SECTORS = PARTICIPANT_SECTORS;
export type HydraSector = (typeof HYDRA_SECTORS)[number];
export const HYDRA_SECTOR_LABELS = PARTICIPANT_SECTOR_LABELS;

/** A scenario's person is described by an age band, never an age or a date of birth. */
export const AGE_BANDS = ['under_12', '12_15', '16_17', '18_25', '26_64', '65_plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const AGE_BAND_LABELS: Record<AgeBand, string> = {
	under_12: 'Under 12',
	'12_15': '12 to 15',
	'16_17': '16 or 17',
	'18_25': '18 to 25',
	'26_64': '26 to 64',
	'65_plus': '65 or over'
};

/** A request from the public page: a place on a scheduled session, or a session run in the requester's area. */
export const HYDRA_REQUEST_KINDS = ['place', 'area_session'] as const;
export type HydraRequestKind = (typeof HYDRA_REQUEST_KINDS)[number];
export const HYDRA_REQUEST_KIND_LABELS: Record<HydraRequestKind, string> = {
	place: 'A place on a session',
	area_session: 'A session in our area'
};

export const HYDRA_REQUEST_STATUSES = ['new', 'offered', 'declined', 'closed'] as const;
export type HydraRequestStatus = (typeof HYDRA_REQUEST_STATUSES)[number];
export const HYDRA_REQUEST_STATUS_LABELS: Record<HydraRequestStatus, string> = {
	new: 'New',
	offered: 'Place offered or session agreed',
	declined: 'Declined',
	closed: 'Closed'
};

/** A live exercise: set up, running (injects being released), paused (the scenario clock stopped), ended (debrief). */
export const EXERCISE_STATUSES = ['ready', 'running', 'paused', 'ended'] as const;
export type ExerciseStatus = (typeof EXERCISE_STATUSES)[number];
export const EXERCISE_STATUS_LABELS: Record<ExerciseStatus, string> = {
	ready: 'Ready to start',
	running: 'Running',
	paused: 'Paused',
	ended: 'Ended: debrief'
};

/**
 * An anonymous board answer: shown on every screen; held (the identifier check found something, so only control sees
 * it until control shows it or hides it); hidden by control with a reason. Only shown answers reach the room or a PDF.
 */
export const BOARD_POST_STATUSES = ['shown', 'held', 'hidden'] as const;
export type BoardPostStatus = (typeof BOARD_POST_STATUSES)[number];

/** A scenario may be run live only once a second consultant has signed it off as anonymised. */
export function usableLive(scenario: { signedOffAt: Date | null }): boolean {
	return scenario.signedOffAt !== null;
}

/** Who an inject goes to, in words: "Every syndicate", or its sectors. */
export function audienceLabel(audience: readonly HydraSector[]): string {
	return audience.length === 0 ? 'Every syndicate' : audience.map((s) => HYDRA_SECTOR_LABELS[s]).join(', ');
}

/** A one-per-line text field (objectives, decision prompts) as its non-empty lines. */
export function linesOf(text: string): string[] {
	return text
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean);
}
