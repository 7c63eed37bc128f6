// Consultation slots: from a consultant's weekly hours (Europe/London wall clock), date overrides, buffer, notice,
// horizon and daily cap, to the instants a lead may book. Pure: the zone maths is @date-fns/tz's, never ours.
import { TZDate, tz } from '@date-fns/tz';
import { addBusinessDays, addDays, addMinutes, format, getISODay } from 'date-fns';
import { ZONE } from './dates';

const inLondon = tz(ZONE);

/** A stretch of London wall-clock time, `HH:MM` to `HH:MM`, within one day. */
export interface TimeInterval {
	start: string;
	end: string;
}

/** ISO weekday ('1' Monday ... '7' Sunday) -> that day's intervals. */
export type WeeklyHours = Partial<Record<string, TimeInterval[]>>;

export interface SlotRules {
	weekly: WeeklyHours;
	meetingMinutes: number;
	bufferMinutes: number;
	noticeWorkingDays: number;
	horizonWeeks: number;
	dailyCap: number;
}

export interface DateOverride {
	/** London calendar date, `yyyy-MM-dd`. */
	date: string;
	kind: 'off' | 'extra';
	startTime?: string | null;
	endTime?: string | null;
}

/** A booking that holds the consultant's time: from its start to the end of its buffer. */
export interface BusyRange {
	start: Date;
	until: Date;
}

export interface Slot {
	start: Date;
	end: Date;
}

export const WEEKDAYS = [
	{ key: '1', label: 'Monday' },
	{ key: '2', label: 'Tuesday' },
	{ key: '3', label: 'Wednesday' },
	{ key: '4', label: 'Thursday' },
	{ key: '5', label: 'Friday' },
	{ key: '6', label: 'Saturday' },
	{ key: '7', label: 'Sunday' }
] as const;

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isTime(value: string) {
	return TIME.test(value);
}

/** The London calendar date of an instant, `yyyy-MM-dd`. */
export function londonDate(at: Date): string {
	return format(at, 'yyyy-MM-dd', { in: inLondon });
}

/** The instant a London wall-clock time on a London date names (a time lost to the spring change moves forward). */
export function londonInstant(date: string, time: string): Date {
	const [y, m, d] = date.split('-').map(Number);
	const [hh, mm] = time.split(':').map(Number);
	return new Date(new TZDate(y, m - 1, d, hh, mm, ZONE).getTime());
}

/** The earliest start allowed: `days` working days (Monday to Friday, London) after now. */
export function earliestStart(now: Date, days: number): Date {
	return new Date(addBusinessDays(new TZDate(now.getTime(), ZONE), days).getTime());
}

/** What a booking starting at `start` holds: the meeting, then the buffer. */
export function rangeFor(start: Date, rules: Pick<SlotRules, 'meetingMinutes' | 'bufferMinutes'>) {
	const end = addMinutes(start, rules.meetingMinutes);
	return { start, end, until: addMinutes(end, rules.bufferMinutes) };
}

/** The intervals a consultant works on a London date, weekly hours and overrides applied. */
export function intervalsOn(date: string, weekly: WeeklyHours, overrides: DateOverride[]): TimeInterval[] {
	const today = overrides.filter((o) => o.date === date);
	if (today.some((o) => o.kind === 'off')) return [];
	const [y, m, d] = date.split('-').map(Number);
	const weekday = String(getISODay(new TZDate(y, m - 1, d, 12, 0, ZONE)));
	const extra = today
		.filter((o) => o.kind === 'extra' && o.startTime && o.endTime)
		.map((o) => ({ start: o.startTime!, end: o.endTime! }));
	return [...(weekly[weekday] ?? []), ...extra].sort((a, b) => a.start.localeCompare(b.start));
}

const overlaps = (a: BusyRange, b: BusyRange) => a.start < b.until && b.start < a.until;

/**
 * Every slot a consultant can still take, in time order: on a fixed grid from each interval's start (meeting plus
 * buffer apart), wholly inside the interval, no earlier than the notice allows, on a date within the horizon,
 * clear of every busy range (buffers on both sides), on days below the daily cap.
 */
export function consultantSlots(input: {
	rules: SlotRules;
	overrides: DateOverride[];
	busy: BusyRange[];
	now: Date;
}): Slot[] {
	const { rules, overrides, busy, now } = input;
	const earliest = earliestStart(now, rules.noticeWorkingDays);
	const firstDate = londonDate(now);
	const perDay = new Map<string, number>();
	for (const b of busy) perDay.set(londonDate(b.start), (perDay.get(londonDate(b.start)) ?? 0) + 1);
	const step = rules.meetingMinutes + rules.bufferMinutes;
	const slots: Slot[] = [];
	const seen = new Set<number>();
	const [y, m, d] = firstDate.split('-').map(Number);
	const noon = new TZDate(y, m - 1, d, 12, 0, ZONE);
	for (let i = 0; i < rules.horizonWeeks * 7; i++) {
		const date = londonDate(addDays(noon, i));
		if ((perDay.get(date) ?? 0) >= rules.dailyCap) continue;
		for (const interval of intervalsOn(date, rules.weekly, overrides)) {
			const close = londonInstant(date, interval.end);
			for (let start = londonInstant(date, interval.start); ; start = addMinutes(start, step)) {
				const range = rangeFor(start, rules);
				if (range.end > close) break;
				if (start < earliest || seen.has(start.getTime())) continue;
				if (busy.some((b) => overlaps(b, range))) continue;
				seen.add(start.getTime());
				slots.push({ start, end: range.end });
			}
		}
	}
	return slots.sort((a, b) => a.start.getTime() - b.start.getTime());
}

export interface OpenSlot extends Slot {
	/** Consultants free at this start, least recently booked first. */
	consultantIds: string[];
}

export interface Candidate {
	id: string;
	lastBookedAt: Date | null;
}

/** Least recently booked first; someone never booked before anyone else; ties by id so the order is stable. */
export function byLeastRecentlyBooked(a: Candidate, b: Candidate) {
	const at = a.lastBookedAt?.getTime() ?? -Infinity;
	const bt = b.lastBookedAt?.getTime() ?? -Infinity;
	return at === bt ? a.id.localeCompare(b.id) : at - bt;
}

/** The slots open to the public: each start at which at least one consultant is free, with who is. */
export function openSlots(perConsultant: { candidate: Candidate; slots: Slot[] }[]): OpenSlot[] {
	const ordered = [...perConsultant].sort((a, b) => byLeastRecentlyBooked(a.candidate, b.candidate));
	const byStart = new Map<number, OpenSlot>();
	for (const { candidate, slots } of ordered) {
		for (const slot of slots) {
			const key = slot.start.getTime();
			const open = byStart.get(key);
			if (open) open.consultantIds.push(candidate.id);
			else byStart.set(key, { ...slot, consultantIds: [candidate.id] });
		}
	}
	return [...byStart.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
}

export interface SlotDay<S extends Slot = Slot> {
	date: string;
	label: string;
	slots: S[];
}

/** Slots grouped by London date, for a picker: "Monday 29 March 2027". */
export function groupByDay<S extends Slot>(slots: S[]): SlotDay<S>[] {
	const days: SlotDay<S>[] = [];
	for (const slot of slots) {
		const date = londonDate(slot.start);
		let day = days.at(-1);
		if (!day || day.date !== date) {
			day = { date, label: format(slot.start, 'EEEE d MMMM yyyy', { in: inLondon }), slots: [] };
			days.push(day);
		}
		day.slots.push(slot);
	}
	return days;
}

/** A time of day in London, 24-hour: "09:30". */
export function londonTime(at: Date): string {
	return format(at, 'HH:mm', { in: inLondon });
}

/** The zone's abbreviation at that instant (GMT or BST), so a reader knows which clock is meant. */
export function londonZoneName(at: Date): string {
	return format(at, 'zzz', { in: inLondon }) === 'GMT+1' ? 'BST' : 'GMT';
}

/**
 * A slot's two ends, each in its own zone when a clock change falls between them ("01:30 BST to 01:15 GMT" on
 * 31 October), otherwise the zone once ("10:00 to 10:45 GMT").
 */
export function timeRange(start: Date, end: Date): string {
	const [from, to] = [londonZoneName(start), londonZoneName(end)];
	return from === to
		? `${londonTime(start)} to ${londonTime(end)} ${from}`
		: `${londonTime(start)} ${from} to ${londonTime(end)} ${to}`;
}

/** Why a start a lead asked for is not an open slot, most telling reason first. */
export type SlotRefusal = 'too_soon' | 'too_far' | 'outside_hours' | 'taken';

/**
 * Tells a lead why a start cannot be booked with any of these consultants: before every consultant's notice allows
 * (or past), beyond every horizon, off every consultant's grid of working hours, or else (it is on a grid and in
 * range) someone else holds it or the day is full.
 */
export function whyRefused(start: Date, consultants: { rules: SlotRules; overrides: DateOverride[] }[], now: Date): SlotRefusal {
	if (consultants.length === 0) return 'outside_hours';
	if (consultants.every((c) => start < earliestStart(now, c.rules.noticeWorkingDays))) return 'too_soon';
	const free = consultants.map((c) => consultantSlots({ rules: c.rules, overrides: c.overrides, busy: [], now }));
	if (free.some((slots) => slots.some((s) => s.start.getTime() === start.getTime()))) return 'taken';
	const lastDay = (c: { rules: SlotRules }) => londonDate(addDays(new TZDate(now.getTime(), ZONE), c.rules.horizonWeeks * 7 - 1));
	if (consultants.every((c) => londonDate(start) > lastDay(c))) return 'too_far';
	return 'outside_hours';
}

/** What the lead reads beside the time picker when a start is refused. */
export const SLOT_REFUSALS: Record<SlotRefusal, string> = {
	too_soon: 'That time is too soon: our consultants need some notice to prepare. Please choose a later time below.',
	too_far: 'That time is further ahead than we take bookings. Please choose a time below.',
	outside_hours: 'That time is outside the consultant’s hours. Please choose one of the times below.',
	taken: 'That time has just been taken. Please choose another time below.'
};

/** Parses "09:00-12:30, 13:30-17:00" into intervals; null when any part is not a valid, increasing interval. */
export function parseIntervals(text: string): TimeInterval[] | null {
	const parts = text
		.split(/[,;]/)
		.map((p) => p.trim())
		.filter(Boolean);
	const intervals: TimeInterval[] = [];
	for (const part of parts) {
		const match = part.match(/^(\d{1,2}[:.]\d{2})\s*(?:-|–|to)\s*(\d{1,2}[:.]\d{2})$/i);
		if (!match) return null;
		const [start, end] = [match[1], match[2]].map((t) => t.replace('.', ':').padStart(5, '0'));
		if (!isTime(start) || !isTime(end) || start >= end) return null;
		intervals.push({ start, end });
	}
	intervals.sort((a, b) => a.start.localeCompare(b.start));
	for (let i = 1; i < intervals.length; i++) if (intervals[i].start < intervals[i - 1].end) return null;
	return intervals;
}

export function formatIntervals(intervals: TimeInterval[] | undefined): string {
	return (intervals ?? []).map((i) => `${i.start}-${i.end}`).join(', ');
}
