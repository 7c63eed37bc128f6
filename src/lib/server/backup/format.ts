// The shapes of the area backup file, one zod schema per version this Homeward reads, and the step that brings a
// version 1 file up to the current shape. What each version carries, and what it leaves out and why, is written in
// ./index.ts and in the README ("Area backup and restore").
//
// The caps below are safety limits on a file from outside, set above anything the app's own forms allow; the
// database's own rules (unique names, checks, foreign keys) are enforced again when the rows are inserted.
import { z } from 'zod';
import { BACKUP_FORMAT } from '$lib/domain/backup';
import { checkedString } from '$lib/validators/common';
import { AUDIENCES, KINDS, PASSES, RATINGS, SECTORS, STAGES } from '$lib/domain/map/enums';
import { ACTION_STATUSES, PRIORITIES } from '$lib/domain/actions';
import { AREA_STATUSES } from '$lib/domain/roles';
import { PROGRAMME_MODEL_KEYS } from '$lib/domain/programme';
import { PARTICIPANT_SECTORS, ROUND_STATUSES } from '$lib/domain/surveys';
import { DIRECTIONS, FREQUENCIES, TOC_KINDS } from '$lib/domain/toc';

// Every text in the file passes the forms' text rule (multi-line, since descriptions and notes span lines): a NUL
// would otherwise reach PostgreSQL and fail the restore with a 500. Checked, not rewritten: the checksum covers it.
const text = (max: number) => checkedString().max(max);
const ref = z.string().regex(/^[a-z]\d{1,6}$/);
const refs = (max: number) => z.array(ref).max(max);
const instant = z.iso.datetime({ offset: true });
const day = z.iso.date();
const stamps = { createdAt: instant, updatedAt: instant };

// ---------------------------------------------------------------------------------------------------- version 1 --

const actorFields = {
	ref,
	name: text(120).min(1),
	sector: z.enum(SECTORS),
	kind: z.enum(KINDS),
	description: text(4000),
	audience: z.enum(AUDIENCES)
};
const position = z.object({ x: z.number().min(0).max(10000), y: z.number().min(0).max(10000) }).strict().nullable();
const handoffFields = {
	ref,
	from: ref,
	to: ref,
	label: text(160).min(1),
	stage: z.enum(STAGES),
	passes: z.enum(PASSES),
	trigger: text(4000),
	standard: text(4000),
	audience: z.enum(AUDIENCES),
	rating: z.enum(RATINGS),
	evidence: text(4000),
	notes: text(4000),
	isGap: z.boolean()
};
/** A snapshot is the map as it was: actors and handoffs without positions or timestamps (the same in both versions). */
const snapshotSchema = z
	.object({
		name: text(80).min(1),
		createdAt: instant,
		actors: z.array(z.object(actorFields).strict()).max(5000),
		handoffs: z.array(z.object(handoffFields).strict()).max(20000)
	})
	.strict();
const updateSchema = z
	.object({
		body: text(10000),
		statusFrom: z.enum(ACTION_STATUSES).nullable(),
		statusTo: z.enum(ACTION_STATUSES).nullable(),
		createdAt: instant
	})
	.strict();
const actionFields = {
	title: text(200).min(1),
	description: text(10000),
	ownerActor: ref.nullable(),
	dueDate: day.nullable(),
	status: z.enum(ACTION_STATUSES),
	priority: z.enum(PRIORITIES),
	...stamps,
	handoffs: refs(1000),
	updates: z.array(updateSchema).max(10000)
};
const areaSchema = z
	.object({
		name: text(120).min(1),
		policeForce: text(160).min(1),
		localAuthorities: text(400),
		status: z.enum(AREA_STATUSES),
		description: text(4000),
		// The lead's "what this plan will change"; files written before it was carried leave it out (restored empty).
		planSummary: text(4000).optional()
	})
	.strict();

/** Version 1: the map (actors, positions, handoffs, snapshots) and the action plan with handoff links and updates. */
export const backupSchemaV1 = z
	.object({
		format: z.literal(BACKUP_FORMAT),
		version: z.literal(1),
		exportedAt: instant,
		area: areaSchema,
		map: z
			.object({
				actors: z.array(z.object({ ...actorFields, position }).strict()).max(5000),
				handoffs: z.array(z.object(handoffFields).strict()).max(20000),
				snapshots: z.array(snapshotSchema).max(500)
			})
			.strict(),
		actions: z.array(z.object(actionFields).strict()).max(10000),
		checksum: z.string()
	})
	.strict();
export type AreaBackupV1 = z.infer<typeof backupSchemaV1>;

// ---------------------------------------------------------------------------------------------------- version 2 --

const modelSchema = z
	.object({
		ref,
		title: text(160).min(1),
		description: text(4000),
		programmeKey: z.enum(PROGRAMME_MODEL_KEYS).nullable(),
		...stamps,
		statements: z.array(z.object({ ref, text: text(300).min(1), position: z.number().int().min(0), createdAt: instant }).strict()).max(500),
		/** The actors that hold the model and the handoffs it shapes. */
		actors: refs(5000),
		handoffs: refs(20000)
	})
	.strict();

const roundSchema = z
	.object({
		label: text(80).min(1),
		status: z.enum(ROUND_STATUSES),
		openedAt: instant,
		closedAt: instant.nullable(),
		/** What the round asked, in the wording participants saw. */
		statements: z.array(z.object({ statement: ref, text: text(300).min(1), position: z.number().int().min(0) }).strict()).max(500),
		responses: z
			.array(
				z
					.object({
						sector: z.enum(PARTICIPANT_SECTORS as [string, ...string[]]).nullable(),
						comment: text(2000),
						createdAt: instant,
						answers: z.array(z.object({ statement: ref, score: z.number().int().min(1).max(5) }).strict()).max(500)
					})
					.strict()
			)
			.max(100000)
	})
	.strict();

const tocSchema = z
	.object({
		nodes: z
			.array(
				z
					.object({ ref, kind: z.enum(TOC_KINDS), title: text(200).min(1), description: text(10000), ownerActor: ref.nullable(), ...stamps })
					.strict()
			)
			.max(5000),
		links: z.array(z.object({ from: ref, to: ref, rationale: text(10000), assumptions: text(10000), ...stamps }).strict()).max(5000),
		indicators: z
			.array(
				z
					.object({
						node: ref,
						name: text(200).min(1),
						unit: text(200),
						direction: z.enum(DIRECTIONS),
						baselineValue: z.number(),
						baselineDate: day,
						targetValue: z.number(),
						targetDate: day,
						dataSource: text(2000),
						ownerActor: ref.nullable(),
						frequency: z.enum(FREQUENCIES),
						...stamps,
						readings: z.array(z.object({ date: day, value: z.number(), note: text(10000), createdAt: instant }).strict()).max(10000)
					})
					.strict()
			)
			.max(5000)
	})
	.strict();

const count = z.number().int().min(0);
const share = z.number().min(0).max(100);
const figuresSchema = z
	.object({
		quarter: z.string().regex(/^\d{4}-Q[1-4]$/),
		missingReports: count,
		peopleReported: count,
		repeatShareAdults: share,
		repeatShareChildren: share,
		returnInterviewsOffered: count,
		returnInterviewsWithin72h: count,
		...stamps
	})
	.strict();

/** Version 2: everything of version 1, with timestamps on actors and handoffs, plus models, surveys, theory of change, figures and every kind of action link. */
export const backupSchema = z
	.object({
		format: z.literal(BACKUP_FORMAT),
		version: z.literal(2),
		exportedAt: instant,
		area: areaSchema,
		map: z
			.object({
				actors: z.array(z.object({ ...actorFields, position, ...stamps }).strict()).max(5000),
				handoffs: z.array(z.object({ ...handoffFields, ...stamps }).strict()).max(20000),
				snapshots: z.array(snapshotSchema).max(500)
			})
			.strict(),
		models: z.array(modelSchema).max(500),
		surveys: z.array(roundSchema).max(500),
		toc: tocSchema,
		missingFigures: z.array(figuresSchema).max(1000),
		actions: z.array(z.object({ ...actionFields, tocNodes: refs(1000), models: refs(1000) }).strict()).max(10000),
		checksum: z.string()
	})
	.strict();
export type AreaBackup = z.infer<typeof backupSchema>;

type Stamped = { createdAt?: string; updatedAt?: string };
/**
 * What an import restores: the current shape, where a version 1 file leaves actors' and handoffs' timestamps unknown
 * (they are then stamped with the time of the import, as version 1 restores always did).
 */
export type Restorable = Omit<AreaBackup, 'version' | 'map'> & {
	version: 1 | 2;
	map: {
		actors: (Omit<AreaBackup['map']['actors'][number], 'createdAt' | 'updatedAt'> & Stamped)[];
		handoffs: (Omit<AreaBackup['map']['handoffs'][number], 'createdAt' | 'updatedAt'> & Stamped)[];
		snapshots: AreaBackup['map']['snapshots'];
	};
};

/** A version 1 file in the current shape: it has no models, surveys, theory of change or figures, and links only handoffs. */
export function fromVersion1(file: AreaBackupV1): Restorable {
	return {
		...file,
		models: [],
		surveys: [],
		toc: { nodes: [], links: [], indicators: [] },
		missingFigures: [],
		actions: file.actions.map((a) => ({ ...a, tocNodes: [], models: [] }))
	};
}
