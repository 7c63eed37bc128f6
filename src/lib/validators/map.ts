// Forms of the actor and handoff map.
import { z } from 'zod';
import { AUDIENCES, KINDS, PASSES, RATINGS, SECTORS, STAGES } from '$lib/domain/map/enums';
import { LIMITS } from '$lib/domain/map/limits';
import { choice, optionalLines, optionalText, requiredText, safeString, version } from './common';

const id = safeString().trim().min(1, 'Choose one.').max(64);

const actorFields = {
	name: requiredText('the name', LIMITS.name),
	sector: choice(SECTORS, 'Choose a sector.'),
	kind: choice(KINDS, 'Choose whether this is an organisation, a team or a role.'),
	audience: choice(AUDIENCES, 'Choose whom it serves.'),
	description: optionalLines('the description', LIMITS.description)
};

export const createActorSchema = z.object(actorFields).strict();
export const updateActorSchema = z.object({ ...actorFields, id, version }).strict();
export const deleteSchema = z.object({ id, version }).strict();

// An unticked checkbox sends nothing; a ticked one sends "on".
const checkbox = z
	.union([z.literal('on'), z.literal('true'), z.literal('false'), z.literal('')])
	.optional()
	.transform((v) => v === 'on' || v === 'true');

const handoffFields = {
	fromActorId: safeString().trim().min(1, 'Choose who hands over.').max(64),
	toActorId: safeString().trim().min(1, 'Choose who receives.').max(64),
	label: requiredText('what the handoff is called', LIMITS.label),
	stage: choice(STAGES, 'Choose a journey stage.'),
	passes: choice(PASSES, 'Choose what passes.'),
	audience: choice(AUDIENCES, 'Choose whom it applies to.'),
	rating: choice(RATINGS, 'Choose how well it works.'),
	trigger: optionalText('the trigger', LIMITS.trigger),
	standard: optionalText('the standard', LIMITS.standard),
	evidence: optionalLines('the evidence', LIMITS.evidence),
	notes: optionalLines('the notes', LIMITS.notes),
	isGap: checkbox
};

const distinctEnds = {
	check: (v: { fromActorId: string; toActorId: string }) => v.fromActorId !== v.toActorId,
	params: { path: ['toActorId'], message: 'A handoff goes to a different actor: choose another receiver.' }
};

export const createHandoffSchema = z.object(handoffFields).strict().refine(distinctEnds.check, distinctEnds.params);
export const updateHandoffSchema = z
	.object({ ...handoffFields, id, version })
	.strict()
	.refine(distinctEnds.check, distinctEnds.params);

export const DIRECTIONS = ['up', 'down', 'left', 'right'] as const;
export const MOVE_STEP = 40;

const coordinate = z.coerce.number().finite().min(0).max(10_000);

/** An actor added on the canvas carries where it was added, and is pinned there. */
export const createActorAtSchema = z
	.object({ ...actorFields, x: coordinate.optional(), y: coordinate.optional() })
	.strict()
	.refine((v) => (v.x === undefined) === (v.y === undefined), { path: ['x'], message: 'Give both coordinates or neither.' });

/** A move names either a direction (the buttons) or a position (dragging). */
export const moveActorSchema = z
	.object({
		actorId: id,
		direction: z.enum(DIRECTIONS).optional(),
		x: coordinate.optional(),
		y: coordinate.optional()
	})
	.strict()
	.refine((v) => v.direction !== undefined || (v.x !== undefined && v.y !== undefined), {
		path: ['direction'],
		message: 'Choose a direction to move the actor.'
	});

export const unpinActorSchema = z.object({ actorId: id }).strict();

export const snapshotSchema = z.object({ name: requiredText('a name for the snapshot', LIMITS.snapshotName) }).strict();

/** Undo, redo and restore name what the button offered: the stack entry, or the snapshot. */
export const historySchema = z.object({ entry: id }).strict();
export const restoreSchema = z.object({ snapshot: id }).strict();
/** Rows pasted from a spreadsheet: read row by row by $lib/validators/map-paste. */
export const pasteSchema = z.object({ rows: z.string().max(200_000, 'Paste at most 200 rows at a time.') }).strict();
