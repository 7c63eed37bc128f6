// Forms of workshop rooms: the facilitator's (open, close, remove a guest, release a note, decide a proposal) and the
// guests' (join, sticky note, proposal). Times are London wall-clock times on a London date.
import { z } from 'zod';
import { isTime, londonInstant } from '$lib/domain/slots';
import { NOTE_KINDS, NOTE_TARGETS, ROOM_LIMITS } from '$lib/domain/rooms';
import { PASSES, RATINGS, SECTORS, STAGES } from '$lib/domain/map/enums';
import { LIMITS } from '$lib/domain/map/limits';
import { choice, optionalText, requiredText, safeString } from './common';

const time = (what: string) => safeString().refine(isTime, { message: `Enter when the room ${what}, like 14:00 (24-hour clock).` });
const id = safeString().trim().min(1, 'Choose one.').max(64, 'Choose one.');

export const openRoomSchema = z
	.object({
		title: requiredText('the room’s title', ROOM_LIMITS.title),
		date: z.iso.date({ message: 'Enter the day of the workshop.' }),
		startTime: time('opens'),
		endTime: time('closes')
	})
	.strict()
	.transform((v) => ({ title: v.title, startsAt: londonInstant(v.date, v.startTime), endsAt: londonInstant(v.date, v.endTime) }));

export const guestSchema = z.object({ guestId: id }).strict();
export const moderateNoteSchema = z.object({ noteId: id, decision: choice(['release', 'discard'] as const, 'Choose release or discard.') }).strict();
export const decideProposalSchema = z.object({ proposalId: id, decision: choice(['accept', 'decline'] as const, 'Choose accept or decline.') }).strict();

export const joinRoomSchema = z
	.object({
		displayName: requiredText('the name to show in the room', ROOM_LIMITS.displayName),
		organisation: requiredText('your organisation', ROOM_LIMITS.organisation)
	})
	.strict();

export const noteSchema = z
	.object({
		kind: choice(NOTE_KINDS, 'Choose what works, what breaks or an idea.'),
		target: safeString()
			.max(80)
			.transform((v) => {
				const [targetKind, ...rest] = v.split(':');
				return { targetKind, targetId: rest.join(':') };
			})
			.pipe(z.object({ targetKind: choice(NOTE_TARGETS, 'Choose what the note is about.'), targetId: id })),
		text: requiredText('the note', ROOM_LIMITS.note)
	})
	.strict()
	.transform(({ target, ...v }) => ({ ...v, ...target }));

export const proposeActorSchema = z
	.object({
		name: requiredText('the actor’s name', LIMITS.name),
		sector: choice(SECTORS, 'Choose a sector.')
	})
	.strict();

/** A guest's handoff, in the map's short form: its ends, what it is called, its stage, what passes, how well it works. */
export const proposeHandoffSchema = z
	.object({
		fromActorId: safeString().trim().min(1, 'Choose who hands over.').max(64, 'Choose who hands over.'),
		toActorId: safeString().trim().min(1, 'Choose who receives.').max(64, 'Choose who receives.'),
		label: requiredText('what the handoff is called', LIMITS.label),
		stage: choice(STAGES, 'Choose a journey stage.'),
		passes: choice(PASSES, 'Choose what passes.'),
		rating: choice(RATINGS, 'Choose how well it works today.'),
		description: optionalText('the description', ROOM_LIMITS.proposalDescription)
	})
	.strict()
	.refine((v) => v.fromActorId !== v.toActorId, { path: ['toActorId'], message: 'A handoff goes to a different actor: choose another receiver.' });
