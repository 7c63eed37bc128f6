// The partner pipeline: enquiry -> consultation -> prospect area -> partner area. Which stage a thing is in, and how
// long the things in a stage have waited there.
import type { EnquiryStatus } from './enquiries';
import type { AreaStatus } from './roles';

export const PIPELINE_STAGES = ['enquiry', 'consultation', 'prospect', 'partner'] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

export const PIPELINE_STAGE_LABELS: Record<PipelineStage, string> = {
	enquiry: 'Enquiry',
	consultation: 'Consultation',
	prospect: 'Prospect area',
	partner: 'Partner area'
};

/** The stage an enquiry is in by its status; null once it is closed (out of the pipeline). */
export function stageOfEnquiry(status: EnquiryStatus): PipelineStage | null {
	switch (status) {
		case 'new':
		case 'contacted':
			return 'enquiry';
		case 'offered':
		case 'booked':
			return 'consultation';
		case 'prospect':
			return 'prospect';
		case 'partner':
			return 'partner';
		case 'closed':
			return null;
	}
}

/** The stage an area is in: a prospect, or an active partner; a closed area has left the pipeline. */
export function stageOfArea(status: AreaStatus): PipelineStage | null {
	return status === 'prospect' ? 'prospect' : status === 'active' ? 'partner' : null;
}

/** What an enquiry tied to an area becomes when the area's status changes. */
export function enquiryStatusForArea(status: AreaStatus): EnquiryStatus {
	return status === 'prospect' ? 'prospect' : status === 'active' ? 'partner' : 'closed';
}

export interface Waits {
	count: number;
	/** Milliseconds; null for an empty stage. */
	medianMs: number | null;
	oldestMs: number | null;
}

/** How long the items of a stage have waited there, as of `now`: the median and the longest. */
export function waits(since: Date[], now: Date): Waits {
	const ms = since.map((d) => Math.max(0, now.getTime() - d.getTime())).sort((a, b) => a - b);
	if (ms.length === 0) return { count: 0, medianMs: null, oldestMs: null };
	const mid = Math.floor(ms.length / 2);
	const medianMs = ms.length % 2 ? ms[mid] : Math.round((ms[mid - 1] + ms[mid]) / 2);
	return { count: ms.length, medianMs, oldestMs: ms[ms.length - 1] };
}

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** A wait in words a person reads at a glance: "under an hour", "5 hours", "1 day", "3 weeks". */
export function waitText(ms: number | null): string {
	if (ms === null) return '–';
	if (ms < HOUR) return 'under an hour';
	if (ms < DAY) {
		const h = Math.floor(ms / HOUR);
		return `${h} hour${h === 1 ? '' : 's'}`;
	}
	const d = Math.floor(ms / DAY);
	if (d < 14) return `${d} day${d === 1 ? '' : 's'}`;
	const w = Math.floor(d / 7);
	return `${w} weeks`;
}
