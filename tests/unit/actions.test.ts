import { describe, expect, it } from 'vitest';
import { londonToday } from '$lib/domain/dates';
import {
	daysBetween,
	digestSectionOf,
	digestWeekDue,
	doneByWeek,
	inDueWindow,
	isOverdue,
	modelsNoActionAddresses,
	myActionsOrder,
	ragOf,
	sortActions,
	weeksUpTo,
	type ActionStatus
} from '$lib/domain/actions';

const today = '2026-03-10';
const a = (status: ActionStatus, dueDate: string | null) => ({ status, dueDate });

describe('londonToday', () => {
	it('uses the London date, not UTC: 23:30 UTC in summer is already tomorrow in London', () => {
		expect(londonToday(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
	});
	it('matches UTC in winter', () => {
		expect(londonToday(new Date('2026-01-15T23:30:00Z'))).toBe('2026-01-15');
	});
});

describe('daysBetween', () => {
	it('counts whole days across the clock change', () => {
		expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
		expect(daysBetween('2026-03-10', '2026-03-09')).toBe(-1);
	});
});

describe('ragOf', () => {
	it('dropped is closed and done is green, however late', () => {
		expect(ragOf(a('dropped', '2020-01-01'), today)).toBe('none');
		expect(ragOf(a('done', '2020-01-01'), today)).toBe('green');
	});
	it('open and due yesterday is red; due today is not overdue', () => {
		expect(ragOf(a('in_progress', '2026-03-09'), today)).toBe('red');
		expect(ragOf(a('blocked', '2026-03-09'), today)).toBe('red');
		expect(ragOf(a('in_progress', '2026-03-10'), today)).toBe('green');
		expect(isOverdue(a('in_progress', '2026-03-10'), today)).toBe(false);
	});
	it('blocked is amber whatever the date', () => {
		expect(ragOf(a('blocked', null), today)).toBe('amber');
		expect(ragOf(a('blocked', '2027-01-01'), today)).toBe('amber');
	});
	it('not started and due within 14 days is amber; 15 days is green', () => {
		expect(ragOf(a('not_started', '2026-03-10'), today)).toBe('amber');
		expect(ragOf(a('not_started', '2026-03-24'), today)).toBe('amber');
		expect(ragOf(a('not_started', '2026-03-25'), today)).toBe('green');
		expect(ragOf(a('in_progress', '2026-03-11'), today)).toBe('green');
	});
	it('no due date and open is green', () => {
		expect(ragOf(a('not_started', null), today)).toBe('green');
	});
});

describe('inDueWindow', () => {
	it('windows count from today and exclude closed actions', () => {
		expect(inDueWindow(a('in_progress', '2026-03-17'), 'week', today)).toBe(true);
		expect(inDueWindow(a('in_progress', '2026-03-18'), 'week', today)).toBe(false);
		expect(inDueWindow(a('done', '2026-03-12'), 'week', today)).toBe(false);
		expect(inDueWindow(a('in_progress', '2026-03-09'), 'week', today)).toBe(false);
		expect(inDueWindow(a('in_progress', '2026-03-09'), 'overdue', today)).toBe(true);
		expect(inDueWindow(a('in_progress', null), 'none', today)).toBe(true);
	});
});

describe('ordering', () => {
	const row = (title: string, status: ActionStatus, dueDate: string | null) => ({
		title,
		status,
		dueDate,
		priority: 'medium' as const,
		updatedAt: new Date(),
		rag: ragOf({ status, dueDate }, today)
	});
	it('my actions puts overdue first, then by due date, undated last', () => {
		const rows = [row('Later', 'in_progress', '2026-04-01'), row('Undated', 'in_progress', null), row('Late', 'in_progress', '2026-03-01'), row('Soon', 'not_started', '2026-03-12')];
		expect(myActionsOrder(rows, today).map((r) => r.title)).toEqual(['Late', 'Soon', 'Later', 'Undated']);
	});
	it('sorts by RAG, reds first, and reverses on request', () => {
		const rows = [row('G', 'in_progress', '2026-05-01'), row('R', 'in_progress', '2026-03-01'), row('A', 'blocked', null)];
		expect(sortActions(rows, 'rag').map((r) => r.title)).toEqual(['R', 'A', 'G']);
		expect(sortActions(rows, 'rag', true).map((r) => r.title)).toEqual(['G', 'A', 'R']);
	});
});

describe('coverageOf', () => {
	it('counts by status and RAG and lists broken or absent handoffs no live action addresses', async () => {
		const { coverageOf } = await import('$lib/domain/actions');
		const handoffs = [
			{ id: 'h1', label: 'Broken one', rating: 'broken' },
			{ id: 'h2', label: 'Absent one', rating: 'absent' },
			{ id: 'h3', label: 'Patchy one', rating: 'patchy' },
			{ id: 'h4', label: 'Only a dropped action', rating: 'broken' }
		];
		const result = coverageOf(
			[
				{ status: 'in_progress', dueDate: '2026-03-01', handoffIds: ['h1'] },
				{ status: 'dropped', dueDate: null, handoffIds: ['h4'] },
				{ status: 'blocked', dueDate: null, handoffIds: [] }
			],
			handoffs,
			today
		);
		expect(result.byStatus).toMatchObject({ in_progress: 1, dropped: 1, blocked: 1, done: 0, not_started: 0 });
		expect(result.byRag).toEqual({ red: 1, amber: 1, green: 0, none: 1 });
		expect(result.unaddressed.map((h) => h.id)).toEqual(['h2', 'h4']);
	});
});

describe('the weekly digest', () => {
	it('is due from Monday 08:00 London time, in winter and in summer, named by ISO week', () => {
		expect(digestWeekDue(new Date('2026-11-23T07:59:59Z'))).toBeNull();
		expect(digestWeekDue(new Date('2026-11-23T08:00:00Z'))).toBe('2026-W48');
		// British Summer Time: 07:00 UTC is 08:00 in London.
		expect(digestWeekDue(new Date('2026-06-01T06:59:00Z'))).toBeNull();
		expect(digestWeekDue(new Date('2026-06-01T07:00:00Z'))).toBe('2026-W23');
		// Sunday night in London belongs to the week before; the ISO year can differ from the calendar year.
		expect(digestWeekDue(new Date('2026-11-29T23:30:00Z'))).toBe('2026-W48');
		expect(digestWeekDue(new Date('2027-01-01T12:00:00Z'))).toBe('2026-W53');
	});

	it('lists open actions that are overdue or due within seven days, today included', () => {
		const today = '2026-11-23';
		const at = (dueDate: string | null, status: ActionStatus = 'in_progress') => digestSectionOf({ dueDate, status }, today);
		expect(at('2026-11-22')).toBe('overdue');
		expect(at('2026-11-23')).toBe('due-soon');
		expect(at('2026-11-30')).toBe('due-soon');
		expect(at('2026-12-01')).toBeNull();
		expect(at(null)).toBeNull();
		expect(at('2026-11-01', 'done')).toBeNull();
		expect(at('2026-11-25', 'dropped')).toBeNull();
	});
});

describe('actions done over time', () => {
	it('lists the Mondays of the last weeks, oldest first, across a month end', () => {
		expect(weeksUpTo('2026-11-26', 3)).toEqual(['2026-11-09', '2026-11-16', '2026-11-23']);
		expect(weeksUpTo('2026-11-23', 1)).toEqual(['2026-11-23']);
		expect(weeksUpTo('2026-03-01', 2)).toEqual(['2026-02-16', '2026-02-23']);
	});

	it('counts an action from when it became done, or was created done, until it left done', () => {
		const weeks = ['2026-11-02', '2026-11-09', '2026-11-16'];
		const actions = [
			{ id: 'a', createdAt: new Date('2026-10-01T10:00:00Z'), status: 'done' as const },
			{ id: 'b', createdAt: new Date('2026-11-03T10:00:00Z'), status: 'done' as const },
			{ id: 'c', createdAt: new Date('2026-10-01T10:00:00Z'), status: 'in_progress' as const },
			{ id: 'd', createdAt: new Date('2026-10-01T10:00:00Z'), status: 'blocked' as const }
		];
		const changes = [
			// a: done in week two.
			{ actionId: 'a', at: new Date('2026-11-10T09:00:00Z'), from: 'in_progress' as const, to: 'done' as const },
			// b: created done, never changed.
			// c: done in week one, reopened in week three.
			{ actionId: 'c', at: new Date('2026-11-04T09:00:00Z'), from: 'not_started' as const, to: 'done' as const },
			{ actionId: 'c', at: new Date('2026-11-17T09:00:00Z'), from: 'done' as const, to: 'in_progress' as const },
			// d: never done.
			{ actionId: 'd', at: new Date('2026-11-05T09:00:00Z'), from: 'not_started' as const, to: 'blocked' as const }
		];
		expect(doneByWeek(actions, changes, weeks)).toEqual([
			{ week: '2026-11-02', done: 2 },
			{ week: '2026-11-09', done: 3 },
			{ week: '2026-11-16', done: 2 }
		]);
	});

	it('places a change on its London day: 23:30 UTC on a summer Sunday is already Monday in London', () => {
		const actions = [{ id: 'a', createdAt: new Date('2026-06-01T10:00:00Z'), status: 'done' as const }];
		const changes = [{ actionId: 'a', at: new Date('2026-06-14T23:30:00Z'), from: 'in_progress' as const, to: 'done' as const }];
		expect(doneByWeek(actions, changes, ['2026-06-08', '2026-06-15'])).toEqual([
			{ week: '2026-06-08', done: 0 },
			{ week: '2026-06-15', done: 1 }
		]);
	});
});

describe('mental models no action works on', () => {
	it('lists the models no live action links to, dropped actions counting for nothing', () => {
		const models = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
		expect(
			modelsNoActionAddresses(models, [
				{ modelId: 'a', status: 'in_progress' },
				{ modelId: 'b', status: 'dropped' },
				{ modelId: 'c', status: 'done' }
			])
		).toEqual([{ id: 'b' }]);
	});
});
