// The shared action plan of an area: statuses, priorities and the one RAG rule every page, export and test uses.
import { TZDate } from '@date-fns/tz';
import { addDays, addWeeks, format, getHours, getISODay, parseISO, startOfISOWeek } from 'date-fns';
import { londonToday, ZONE } from './dates';

export const ACTION_STATUSES = ['not_started', 'in_progress', 'blocked', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const STATUS_LABELS: Record<ActionStatus, string> = {
	not_started: 'Not started',
	in_progress: 'In progress',
	blocked: 'Blocked',
	done: 'Done',
	dropped: 'Dropped'
};

export const PRIORITIES = ['high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const PRIORITY_LABELS: Record<Priority, string> = { high: 'High', medium: 'Medium', low: 'Low' };
export const PRIORITY_RANK: Record<Priority, number> = { high: 0, medium: 1, low: 2 };

export const RAGS = ['red', 'amber', 'green', 'none'] as const;
export type Rag = (typeof RAGS)[number];
export const RAG_LABELS: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green', none: 'Closed' };
export const RAG_RANK: Record<Rag, number> = { red: 0, amber: 1, green: 2, none: 3 };

/** How many days ahead an action that has not started turns amber. */
export const DUE_SOON_DAYS = 14;

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export const isClosed = (status: ActionStatus) => status === 'done' || status === 'dropped';

/** Past its due date (due yesterday or earlier, London time) and still open. */
export function isOverdue(action: { status: ActionStatus; dueDate: string | null }, today: string): boolean {
	return !isClosed(action.status) && action.dueDate !== null && daysBetween(today, action.dueDate) < 0;
}

/**
 * Red, amber or green, written once:
 * - dropped: none (no longer tracked); done: green;
 * - open and past its due date: red;
 * - blocked, or not started and due within 14 days (today included): amber;
 * - otherwise green (an action with no due date is judged by its status alone).
 */
export function ragOf(action: { status: ActionStatus; dueDate: string | null }, today: string): Rag {
	if (action.status === 'dropped') return 'none';
	if (action.status === 'done') return 'green';
	if (isOverdue(action, today)) return 'red';
	if (action.status === 'blocked') return 'amber';
	if (action.status === 'not_started' && action.dueDate !== null && daysBetween(today, action.dueDate) <= DUE_SOON_DAYS) return 'amber';
	return 'green';
}

export const DUE_WINDOWS = ['overdue', 'week', 'fortnight', 'month', 'none'] as const;
export type DueWindow = (typeof DUE_WINDOWS)[number];
export const DUE_WINDOW_LABELS: Record<DueWindow, string> = {
	overdue: 'Overdue',
	week: 'Due in the next 7 days',
	fortnight: 'Due in the next 14 days',
	month: 'Due in the next 30 days',
	none: 'No due date'
};

/** Whether an action falls in a due window; the forward windows hold open actions due from today on. */
export function inDueWindow(action: { status: ActionStatus; dueDate: string | null }, window: DueWindow, today: string): boolean {
	if (window === 'none') return action.dueDate === null;
	if (window === 'overdue') return isOverdue(action, today);
	if (action.dueDate === null || isClosed(action.status)) return false;
	const days = daysBetween(today, action.dueDate);
	const limit = window === 'week' ? 7 : window === 'fortnight' ? 14 : 30;
	return days >= 0 && days <= limit;
}

export const ACTION_SORTS = ['due', 'rag', 'priority', 'title', 'status', 'updated'] as const;
export type ActionSort = (typeof ACTION_SORTS)[number];

interface Sortable {
	title: string;
	status: ActionStatus;
	priority: Priority;
	dueDate: string | null;
	updatedAt: Date | string;
	rag: Rag;
}

/** Sorts a copy; ties fall back to due date then title so the order is stable. Undated actions sort last. */
export function sortActions<T extends Sortable>(rows: T[], key: ActionSort, descending = false): T[] {
	const due = (a: T, b: T) => (a.dueDate ?? '9999-12-31').localeCompare(b.dueDate ?? '9999-12-31');
	const primary: Record<ActionSort, (a: T, b: T) => number> = {
		due,
		rag: (a, b) => RAG_RANK[a.rag] - RAG_RANK[b.rag],
		priority: (a, b) => PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority],
		title: (a, b) => a.title.localeCompare(b.title, 'en-GB'),
		status: (a, b) => ACTION_STATUSES.indexOf(a.status) - ACTION_STATUSES.indexOf(b.status),
		updated: (a, b) => new Date(b.updatedAt).getTime() - new Date(a.updatedAt).getTime()
	};
	return [...rows].sort((a, b) => {
		const order = primary[key](a, b) * (descending ? -1 : 1);
		return order || due(a, b) || a.title.localeCompare(b.title, 'en-GB');
	});
}

/** "My actions": overdue first, then by due date (undated last), then title. */
export function myActionsOrder<T extends { status: ActionStatus; dueDate: string | null; title: string }>(rows: T[], today: string): T[] {
	return [...rows].sort((a, b) => {
		const overdue = Number(isOverdue(b, today)) - Number(isOverdue(a, today));
		return overdue || (a.dueDate ?? '9999-12-31').localeCompare(b.dueDate ?? '9999-12-31') || a.title.localeCompare(b.title, 'en-GB');
	});
}

/** The weekly reminder goes out from Monday at this hour, London time, once per ISO week. */
export const DIGEST_HOUR = 8;
/** An open action due within this many days (today included) is "due soon" in the weekly reminder. */
export const DIGEST_DUE_SOON_DAYS = 7;

/** The ISO week (e.g. `2026-W48`) whose reminder is due at `now`, or null early on Monday before it is due. */
export function digestWeekDue(now: Date): string | null {
	const local = new TZDate(now.getTime(), ZONE);
	if (getISODay(local) === 1 && getHours(local) < DIGEST_HOUR) return null;
	return format(local, "RRRR-'W'II");
}

/** Where an action goes in its owner's weekly reminder: overdue, due within the week, or not in it at all. */
export function digestSectionOf(action: { status: ActionStatus; dueDate: string | null }, today: string): 'overdue' | 'due-soon' | null {
	if (isOverdue(action, today)) return 'overdue';
	if (isClosed(action.status) || action.dueDate === null) return null;
	return daysBetween(today, action.dueDate) <= DIGEST_DUE_SOON_DAYS ? 'due-soon' : null;
}

/** A status change from an action's history. */
export interface StatusChange {
	actionId: string;
	at: Date;
	from: ActionStatus | null;
	to: ActionStatus | null;
}

/** The Mondays (YYYY-MM-DD) of the `count` weeks up to and including the one holding `today`, oldest first. */
export function weeksUpTo(today: string, count: number): string[] {
	const monday = startOfISOWeek(parseISO(today));
	return Array.from({ length: count }, (_, i) => format(addWeeks(monday, i - count + 1), 'yyyy-MM-dd'));
}

/**
 * How many actions stood at done at the end of each week (London dates). Rebuilt from the history: an action counts
 * from when it became done, or from its creation if it was created done, until it left done.
 */
export function doneByWeek(
	actions: { id: string; createdAt: Date; status: ActionStatus }[],
	changes: StatusChange[],
	mondays: string[]
): { week: string; done: number }[] {
	const sorted = [...changes].sort((a, b) => a.at.getTime() - b.at.getTime());
	// The first recorded change says what an action was created as; with none, it has always been as it is.
	const createdAs = new Map<string, ActionStatus>();
	for (const c of sorted) if (c.from !== null && !createdAs.has(c.actionId)) createdAs.set(c.actionId, c.from);
	const events: { day: string; delta: number }[] = [];
	for (const action of actions) {
		const initial = createdAs.get(action.id) ?? action.status;
		if (initial === 'done') events.push({ day: londonToday(action.createdAt), delta: 1 });
	}
	for (const change of sorted) {
		if (change.to === null || change.from === change.to) continue;
		const delta = (change.to === 'done' ? 1 : 0) - (change.from === 'done' ? 1 : 0);
		if (delta) events.push({ day: londonToday(change.at), delta });
	}
	return mondays.map((week) => {
		const sunday = format(addDays(parseISO(week), 6), 'yyyy-MM-dd');
		return { week, done: events.filter((e) => e.day <= sunday).reduce((sum, e) => sum + e.delta, 0) };
	});
}

/** The mental models no live action works on (a dropped action works on nothing), in the order given. */
export function modelsNoActionAddresses<M extends { id: string }>(models: M[], links: { modelId: string; status: ActionStatus }[]): M[] {
	const addressed = new Set(links.filter((l) => l.status !== 'dropped').map((l) => l.modelId));
	return models.filter((m) => !addressed.has(m.id));
}

/** The CSV columns of an export, in order; an import reads the same columns. */
export const CSV_COLUMNS = ['title', 'description', 'owner_organisation', 'owner_email', 'due_date', 'status', 'priority', 'handoffs'] as const;

/**
 * What the plan covers: counts by status and RAG, and the broken or absent handoffs that no live action addresses
 * (a dropped action addresses nothing).
 */
export function coverageOf<H extends { id: string; label: string; rating: string }>(
	actions: { status: ActionStatus; dueDate: string | null; handoffIds: string[] }[],
	handoffs: H[],
	today: string
) {
	const byStatus = Object.fromEntries(ACTION_STATUSES.map((s) => [s, 0])) as Record<ActionStatus, number>;
	const byRag = Object.fromEntries(RAGS.map((r) => [r, 0])) as Record<Rag, number>;
	const addressed = new Set<string>();
	for (const a of actions) {
		byStatus[a.status] += 1;
		byRag[ragOf(a, today)] += 1;
		if (a.status !== 'dropped') for (const id of a.handoffIds) addressed.add(id);
	}
	const unaddressed = handoffs.filter((h) => (h.rating === 'broken' || h.rating === 'absent') && !addressed.has(h.id));
	return { total: actions.length, byStatus, byRag, unaddressed };
}
