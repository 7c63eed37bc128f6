// Present mode's forms: the facilitator moves the room to a slide, runs the timer, and chooses how the map is drawn.
import { z } from 'zod';
import { isSlideKey, PRESENT_DRAWINGS, TIMER_ACTIONS, TIMER_CHOICES } from '$lib/domain/present';
import { choice, safeString } from './common';

export const slideSchema = z
	.object({ slide: safeString().refine(isSlideKey, { message: 'Choose a slide of the presentation.' }) })
	.strict();

export const timerSchema = z
	.object({
		action: choice(TIMER_ACTIONS, 'Choose to start, pause or reset the timer.'),
		minutes: z
			.enum(TIMER_CHOICES.map(String) as [string, ...string[]], { message: 'Choose how many minutes the timer runs for.' })
			.transform(Number)
			.optional()
	})
	.strict();

export const drawingSchema = z
	.object({
		viewId: safeString().max(64).transform((v) => v || null),
		drawing: choice(PRESENT_DRAWINGS, 'Choose how the map is drawn.')
	})
	.strict();
