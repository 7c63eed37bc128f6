// Control's short messages to syndicates during a live exercise: how long they may be, and the identifier check they
// pass before any screen shows them (the same check as board answers). Pure: no I/O.
import { findIdentifiers, IDENTIFIER_KIND_LABELS } from './identifiers';

export const MESSAGE_MAX = 280;

/** Why a message may not go out as written, or null: it must not carry what could identify a real person. */
export function messageProblem(text: string): string | null {
	const kinds = [...new Set(findIdentifiers(text).map((hit) => IDENTIFIER_KIND_LABELS[hit.kind]))];
	if (kinds.length === 0) return null;
	return `This may identify a real person. The check found: ${kinds.join(', ')}. Take it out: syndicates’ screens carry fictional details only.`;
}
