// Workshop rooms: an area's workshop that people join by code from their own phone, without an account. The rules of
// when a room is open, what a guest may still do, sticky notes and proposals. Pure: no I/O.
import { PASSES_LABELS, RATING_SHORT, SECTOR_LABELS, STAGE_LABELS, STAGES, type Passes, type Rating, type Sector, type Stage } from './map/enums';

export const ROOM_LIMITS = {
	title: 120,
	displayName: 60,
	organisation: 120,
	note: 280,
	/** A proposed handoff's short description: a sentence or two, like a note. */
	proposalDescription: 280,
	/** A workshop is a day's work at most: a room left open by mistake still closes. */
	hours: 12
} as const;

export const NOTE_KINDS = ['works', 'breaks', 'idea'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];
export const NOTE_KIND_LABELS: Record<NoteKind, string> = { works: 'What works', breaks: 'What breaks', idea: 'Idea' };

export const NOTE_TARGETS = ['actor', 'handoff', 'stage', 'outcome'] as const;
export type NoteTarget = (typeof NOTE_TARGETS)[number];
export const NOTE_TARGET_LABELS: Record<NoteTarget, string> = { actor: 'Actor', handoff: 'Handoff', stage: 'Journey stage', outcome: 'Outcome' };

/** shown on every screen in the room; held by the identifier check for the facilitator; discarded by the facilitator. */
export const NOTE_STATUSES = ['shown', 'held', 'discarded'] as const;
export type NoteStatus = (typeof NOTE_STATUSES)[number];

export const PROPOSAL_KINDS = ['actor', 'handoff'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];
export const PROPOSAL_STATUSES = ['pending', 'accepted', 'declined'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** A proposal as the room's screens and the plan's workshop record list it. */
export interface ProposalShape {
	kind: ProposalKind;
	name: string;
	sector: string | null;
	stage: string | null;
	passes: string | null;
	rating: string | null;
	from: string | null;
	to: string | null;
}

/** A proposal in one line: an actor with its sector; a handoff with its ends (one removed since says so), stage, what passes and rating. */
export function proposalText(p: ProposalShape): string {
	if (p.kind === 'actor') return `Actor: ${p.name}${p.sector ? ` (${SECTOR_LABELS[p.sector as Sector] ?? p.sector})` : ''}`;
	const end = (name: string | null) => name ?? 'an actor since removed';
	const details = [
		p.stage ? STAGE_LABELS[p.stage as Stage] : null,
		p.passes ? `passes ${PASSES_LABELS[p.passes as Passes].toLowerCase()}` : null,
		p.rating ? RATING_SHORT[p.rating as Rating].toLowerCase() : null
	].filter(Boolean);
	return `Handoff: ${end(p.from)} to ${end(p.to)}, “${p.name}”${details.length ? ` (${details.join('; ')})` : ''}`;
}

interface RoomTimes {
	endsAt: Date;
	closedAt: Date | null;
}

/** A room is open until the facilitator closes it, or its end time comes, whichever is first. */
export function isRoomOpen(room: RoomTimes, now: Date): boolean {
	return room.closedAt === null && now.getTime() < room.endsAt.getTime();
}

/** When the room closed (or closes): the facilitator's closing, or the end time if that came first. */
export function closedAt(room: RoomTimes): Date {
	return room.closedAt && room.closedAt.getTime() < room.endsAt.getTime() ? room.closedAt : room.endsAt;
}

export const ROOM_CLOSED_MESSAGE = 'This workshop room has closed, so it takes nothing more. Thank you for taking part.';
export const GUEST_REMOVED_MESSAGE = 'The facilitator has removed you from this room, so you cannot add anything more.';

/** Why a guest may do nothing more in the room, or null while they may. */
export function guestRefusal(room: RoomTimes, guest: { removedAt: Date | null }, now: Date): string | null {
	if (guest.removedAt) return GUEST_REMOVED_MESSAGE;
	if (!isRoomOpen(room, now)) return ROOM_CLOSED_MESSAGE;
	return null;
}

/**
 * Field errors for a room's times, or none: the end after the start, still to come, and within a working day (so a
 * guest's cookie, which lives until the end, never outlives a day).
 */
export function roomTimesProblem(startsAt: Date, endsAt: Date, now: Date): Record<string, string> {
	if (endsAt.getTime() <= startsAt.getTime()) return { endTime: 'The end must be after the start.' };
	if (endsAt.getTime() <= now.getTime()) return { endTime: 'The end has already passed: choose a time still to come.' };
	if (endsAt.getTime() - startsAt.getTime() > ROOM_LIMITS.hours * 3_600_000)
		return { endTime: `A room lasts at most ${ROOM_LIMITS.hours} hours: open another for another day.` };
	return {};
}

const RECORD_TARGET_ORDER: readonly NoteTarget[] = ['stage', 'actor', 'handoff', 'outcome'];

interface RecordNote {
	kind: NoteKind;
	targetKind: NoteTarget;
	targetLabel: string;
	text: string;
	authorName: string;
	authorOrganisation: string;
}

/**
 * A room's notes for its record, grouped by what they are on (journey stages in the journey's order, then actors,
 * handoffs and outcomes by name), and within each by kind (what works, what breaks, ideas), in the order left.
 */
export function notesByTarget(notes: RecordNote[]) {
	const targetRank = (n: RecordNote) => RECORD_TARGET_ORDER.indexOf(n.targetKind);
	const groups = new Map<string, { targetKind: NoteTarget; target: string; notes: RecordNote[] }>();
	for (const n of notes) {
		const key = `${n.targetKind}\u0000${n.targetLabel}`;
		const group = groups.get(key) ?? { targetKind: n.targetKind, target: n.targetLabel, notes: [] };
		group.notes.push(n);
		groups.set(key, group);
	}
	const stageRank = (label: string) => STAGES.findIndex((s) => STAGE_LABELS[s] === label);
	return [...groups.values()]
		.sort(
			(a, b) =>
				targetRank(a.notes[0]) - targetRank(b.notes[0]) ||
				(a.targetKind === 'stage' ? stageRank(a.target) - stageRank(b.target) : a.target.localeCompare(b.target, 'en-GB'))
		)
		.map((g) => ({
			on: `${NOTE_TARGET_LABELS[g.targetKind]}: ${g.target}`,
			kinds: NOTE_KINDS.map((kind) => ({
				kind: NOTE_KIND_LABELS[kind],
				notes: g.notes.filter((n) => n.kind === kind).map((n) => ({ text: n.text, by: `${n.authorName}, ${n.authorOrganisation}` }))
			})).filter((k) => k.notes.length > 0)
		}));
}
