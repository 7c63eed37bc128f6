import { describe, expect, it } from 'vitest';
import { DRAG_THRESHOLD, intentOfDoubleClick, intentOfDrag, intentOfKey, toggleSelection, type KeyInput } from '$lib/domain/map/gestures';

const centre = { x: 400, y: 300 };
const key = (k: string, extra: Partial<KeyInput> = {}) => intentOfKey({ key: k, focusedActorId: null, selection: [], centre, ...extra });

describe('double-click', () => {
	it('adds an actor where empty canvas was double-clicked', () => {
		expect(intentOfDoubleClick({ actorId: null }, { x: 12, y: 34 })).toEqual({ type: 'addActor', at: { x: 12, y: 34 } });
	});
	it('does nothing on an actor, whose link opens it', () => {
		expect(intentOfDoubleClick({ actorId: 'a' }, { x: 1, y: 2 }).type).toBe('none');
	});
});

describe('drag from an actor', () => {
	it('onto another actor draws a handoff from the first to the second', () => {
		expect(intentOfDrag({ actorId: 'a', travelled: 50, overActorId: 'b', at: { x: 0, y: 0 } })).toEqual({
			type: 'addHandoff',
			fromActorId: 'a',
			toActorId: 'b'
		});
	});
	it('onto empty canvas moves and pins the actor there', () => {
		expect(intentOfDrag({ actorId: 'a', travelled: 50, overActorId: null, at: { x: 70, y: 80 } })).toEqual({
			type: 'move',
			actorId: 'a',
			at: { x: 70, y: 80 }
		});
	});
	it('that barely moved is a click, not a drag', () => {
		expect(intentOfDrag({ actorId: 'a', travelled: DRAG_THRESHOLD - 1, overActorId: 'b', at: { x: 0, y: 0 } }).type).toBe('none');
		expect(intentOfDrag({ actorId: 'a', travelled: DRAG_THRESHOLD, overActorId: 'b', at: { x: 0, y: 0 } }).type).toBe('addHandoff');
	});
	it('back onto itself draws nothing and says why', () => {
		const intent = intentOfDrag({ actorId: 'a', travelled: 50, overActorId: 'a', at: { x: 0, y: 0 } });
		expect(intent).toEqual({ type: 'none', reason: 'An actor cannot hand over to itself.' });
	});
});

describe('selection', () => {
	it('toggles an actor in and out and keeps the last two', () => {
		expect(toggleSelection([], 'a')).toEqual(['a']);
		expect(toggleSelection(['a'], 'b')).toEqual(['a', 'b']);
		expect(toggleSelection(['a', 'b'], 'a')).toEqual(['b']);
		expect(toggleSelection(['a', 'b'], 'c')).toEqual(['b', 'c']);
	});
});

describe('keys with focus in the canvas', () => {
	it('A adds an actor in the middle of the view, in either case', () => {
		expect(key('a')).toEqual({ type: 'addActor', at: centre });
		expect(key('A')).toEqual({ type: 'addActor', at: centre });
	});
	it('H with two selected draws a handoff from the first selected to the second', () => {
		expect(key('h', { selection: ['b', 'a'] })).toEqual({ type: 'addHandoff', fromActorId: 'b', toActorId: 'a' });
	});
	it('H without two selected explains what to do', () => {
		const intent = key('h', { selection: ['a'] });
		expect(intent.type).toBe('none');
		expect(intent.type === 'none' && intent.reason).toMatch(/Select two actors/);
	});
	it('Space selects and deselects the focused actor', () => {
		expect(key(' ', { focusedActorId: 'a' })).toEqual({ type: 'select', selection: ['a'] });
		expect(key(' ', { focusedActorId: 'a', selection: ['a'] })).toEqual({ type: 'select', selection: [] });
		expect(key(' ').type).toBe('none');
	});
	it('Escape clears the selection', () => {
		expect(key('Escape', { selection: ['a'] })).toEqual({ type: 'select', selection: [] });
		expect(key('Escape').type).toBe('none');
	});
	it('Delete removes the focused actor, else the one selected', () => {
		expect(key('Delete', { focusedActorId: 'a', selection: ['b'] })).toEqual({ type: 'deleteActor', actorId: 'a' });
		expect(key('Backspace', { selection: ['b'] })).toEqual({ type: 'deleteActor', actorId: 'b' });
		expect(key('Delete', { selection: ['a', 'b'] }).type).toBe('none');
	});
	it('leaves shortcuts with Ctrl, Cmd or Alt to the browser', () => {
		expect(key('a', { ctrlKey: true }).type).toBe('none');
		expect(key('h', { metaKey: true, selection: ['a', 'b'] }).type).toBe('none');
		expect(key('Delete', { altKey: true, focusedActorId: 'a' }).type).toBe('none');
	});
	it('ignores other keys', () => {
		expect(key('x').type).toBe('none');
		expect(key('ArrowUp', { focusedActorId: 'a' }).type).toBe('none');
	});
});
