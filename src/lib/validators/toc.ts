// Forms of the theory of change: steps, links, indicators, readings and the quarterly missing figures.
import { z } from 'zod';
import { DIRECTIONS, FREQUENCIES, TOC_KINDS } from '$lib/domain/toc';
import { choice, optionalLines, optionalText, requiredText, safeString, version } from './common';

const id = safeString().trim().min(1, 'Choose one.').max(64);
const optionalId = safeString()
	.trim()
	.max(64)
	.optional()
	.transform((v) => v || null);

const isRealDate = (v: string) =>
	/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

export const requiredDate = (label: string) =>
	safeString()
		.trim()
		.min(1, `Enter ${label}.`)
		.refine(isRealDate, { message: 'Enter a real date, for example 2026-03-31.' })
		.refine((v) => v >= '1900-01-01' && v <= '2100-12-31', { message: 'Enter a date between 1900 and 2100.' });

/** A number as typed: decimals with a point, commas as thousands separators allowed, nothing else. */
export const requiredNumber = (label: string) =>
	safeString()
		.trim()
		.min(1, `Enter ${label}.`)
		.transform((v) => v.replace(/,/g, ''))
		.refine((v) => /^-?\d+(\.\d+)?$/.test(v), { message: `Enter ${label} as a number, for example 42 or 3.5.` })
		.transform(Number)
		.refine((v) => Math.abs(v) <= 1e12, { message: 'Enter a number under a million million.' });

const count = (label: string) =>
	safeString()
		.trim()
		.min(1, `Enter ${label}.`)
		.refine((v) => /^\d+$/.test(v.replace(/,/g, '')), { message: `Enter ${label} as a whole number, 0 or more.` })
		.transform((v) => Number(v.replace(/,/g, '')))
		.refine((v) => v <= 10_000_000, { message: 'Enter a number under ten million.' });

const share = (label: string) =>
	requiredNumber(label).refine((v) => v >= 0 && v <= 100, { message: 'Enter a percentage from 0 to 100.' });

export const nodeFields = {
	kind: choice(TOC_KINDS, 'Choose a kind of step.'),
	title: requiredText('a title', 200),
	description: optionalLines('the description', 2000),
	ownerActorId: optionalId
};
export const createNodeSchema = z.object(nodeFields).strict();
export const updateNodeSchema = z.object({ ...nodeFields, version }).strict();
export const deleteSchema = z.object({ version }).strict();

export const linkFields = {
	rationale: optionalLines('the rationale', 2000),
	assumptions: optionalLines('the assumptions', 2000)
};
export const createLinkSchema = z
	.object({ fromNodeId: id, toNodeId: id, ...linkFields })
	.strict()
	.refine((v) => v.fromNodeId !== v.toNodeId, { path: ['toNodeId'], message: 'A step cannot lead to itself: choose another step.' });
export const updateLinkSchema = z.object({ linkId: id, ...linkFields, version }).strict();
export const deleteLinkSchema = z.object({ linkId: id, version }).strict();

export const indicatorFields = {
	name: requiredText('a name', 200),
	unit: requiredText('a unit, for example “% of reports” or “people”', 60),
	direction: choice(DIRECTIONS, 'Choose whether higher or lower is better.'),
	baselineValue: requiredNumber('the baseline'),
	baselineDate: requiredDate('the baseline date'),
	targetValue: requiredNumber('the target'),
	targetDate: requiredDate('the target date'),
	dataSource: optionalText('the data source', 300),
	ownerActorId: optionalId,
	frequency: choice(FREQUENCIES, 'Choose how often it is measured.')
};
export const createIndicatorSchema = z.object(indicatorFields).strict();
export const updateIndicatorSchema = z.object({ ...indicatorFields, version }).strict();

export const readingSchema = z
	.object({ date: requiredDate('the date of the reading'), value: requiredNumber('the value'), note: optionalLines('the note', 500) })
	.strict();
export const deleteReadingSchema = z.object({ readingId: id }).strict();

const figureFields = {
	quarter: safeString()
		.trim()
		.regex(/^\d{4}-Q[1-4]$/, 'Choose a quarter, for example 2026-Q1.'),
	missingReports: count('the number of missing reports'),
	peopleReported: count('the number of people reported'),
	repeatShareAdults: share('the repeat share for adults'),
	repeatShareChildren: share('the repeat share for children'),
	returnInterviewsOffered: count('the return interviews offered'),
	returnInterviewsWithin72h: count('the return interviews completed within 72 hours')
};

/** The version of the row being edited, or nothing when adding a new quarter. */
export const optionalVersion = safeString()
	.trim()
	.optional()
	.transform((v) => (v ? Number(v) : null))
	.refine((v) => v === null || (Number.isInteger(v) && v > 0), { message: 'This form is out of date: reload the page.' });

export const saveFiguresSchema = z
	.object({ ...figureFields, version: optionalVersion })
	.strict()
	.refine((v) => v.peopleReported <= v.missingReports, {
		path: ['peopleReported'],
		message: 'People reported cannot exceed the reports: one person can be reported many times, not the other way round.'
	})
	.refine((v) => v.returnInterviewsWithin72h <= v.returnInterviewsOffered, {
		path: ['returnInterviewsWithin72h'],
		message: 'Interviews completed within 72 hours cannot exceed those offered.'
	});
