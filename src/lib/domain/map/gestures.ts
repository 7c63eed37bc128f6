// Gestures on the network canvas translated into what the person means ("intents"). Pure, so every rule is tested
// without a browser; the diagram component only turns DOM events into these inputs and carries the intent out through
// the same form actions as the map's forms. Every pointer gesture has a keyboard twin (WCAG 2.1.1, 2.5.7).

export interface Point {
	x: number;
	y: number;
}

export type Intent =
	| { type: 'addActor'; at: Point }
	| { type: 'addHandoff'; fromActorId: string; toActorId: string }
	| { type: 'move'; actorId: string; at: Point }
	| { type: 'deleteActor'; actorId: string }
	| { type: 'select'; selection: string[] }
	| { type: 'none'; reason?: string };

/** How far (in screen pixels) a press must travel before it is a drag rather than a click. */
export const DRAG_THRESHOLD = 4;

const none = (reason?: string): Intent => ({ type: 'none', reason });

/** A double-click: on empty canvas it adds an actor there; on an actor it does nothing (the link opens it). */
export function intentOfDoubleClick(target: { actorId: string | null }, at: Point): Intent {
	return target.actorId ? none() : { type: 'addActor', at };
}

/**
 * The end of a press that started on an actor. Barely moved: a click (the link's own). Released over another actor:
 * a handoff from the first to the second. Released over empty canvas: the actor moves there and is pinned.
 */
export function intentOfDrag(drag: { actorId: string; travelled: number; overActorId: string | null; at: Point }): Intent {
	if (drag.travelled < DRAG_THRESHOLD) return none();
	if (drag.overActorId === drag.actorId) return none('An actor cannot hand over to itself.');
	if (drag.overActorId) return { type: 'addHandoff', fromActorId: drag.actorId, toActorId: drag.overActorId };
	return { type: 'move', actorId: drag.actorId, at: drag.at };
}

/** Shift-click (or Space on a focused actor) adds or removes it from the selection; at most two stay selected. */
export function toggleSelection(selection: readonly string[], actorId: string): string[] {
	if (selection.includes(actorId)) return selection.filter((id) => id !== actorId);
	return [...selection, actorId].slice(-2);
}

export interface KeyInput {
	key: string;
	ctrlKey?: boolean;
	metaKey?: boolean;
	altKey?: boolean;
	/** The actor that has keyboard focus, if any. */
	focusedActorId: string | null;
	selection: readonly string[];
	/** Where a new actor goes when added from the keyboard: the middle of what the canvas shows. */
	centre: Point;
}

/**
 * A key pressed with focus in the canvas. `A` adds an actor at the centre of the view; `H` with two actors selected
 * draws a handoff from the first selected to the second; Space toggles the focused actor's selection; Delete (or
 * Backspace) deletes the focused actor, or the one selected actor. Keys with Ctrl, Alt or Cmd are left to the browser.
 */
export function intentOfKey(input: KeyInput): Intent {
	if (input.ctrlKey || input.metaKey || input.altKey) return none();
	const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
	switch (key) {
		case 'a':
			return { type: 'addActor', at: input.centre };
		case 'h': {
			if (input.selection.length !== 2)
				return none('Select two actors first: focus each and press Space, then press H.');
			const [fromActorId, toActorId] = input.selection;
			return { type: 'addHandoff', fromActorId, toActorId };
		}
		case ' ':
			return input.focusedActorId ? { type: 'select', selection: toggleSelection(input.selection, input.focusedActorId) } : none();
		case 'Escape':
			return input.selection.length ? { type: 'select', selection: [] } : none();
		case 'Delete':
		case 'Backspace': {
			const actorId = input.focusedActorId ?? (input.selection.length === 1 ? input.selection[0] : null);
			return actorId ? { type: 'deleteActor', actorId } : none();
		}
		default:
			return none();
	}
}
