// What an import will do to a map, worked out before anything is written: which actors and handoffs it adds, which it
// updates (matched as Kumu matches: actors by label, handoffs by From, To and Label, ignoring case) and how many it
// leaves as they are. The preview shows the plan; the import applies the same plan.
import type { ImportedActor, ImportedHandoff } from './kumu';
import { handoffKey } from './kumu';
import { ACTOR_FIELDS, HANDOFF_FIELDS, type ActorData, type HandoffData, type MapData } from './types';

export interface ImportPlan {
	actors: {
		add: ImportedActor[];
		update: { existing: ActorData; values: ImportedActor }[];
		unchanged: number;
	};
	handoffs: {
		/** Ends by name: an added actor has no id until it is written. */
		add: ImportedHandoff[];
		update: { existing: HandoffData; values: ImportedHandoff }[];
		unchanged: number;
	};
	skipped: string[];
}

const lower = (name: string) => name.toLowerCase();

export function planImport(current: MapData, read: { actors: ImportedActor[]; handoffs: ImportedHandoff[]; skipped: string[] }): ImportPlan {
	const plan: ImportPlan = {
		actors: { add: [], update: [], unchanged: 0 },
		handoffs: { add: [], update: [], unchanged: 0 },
		skipped: read.skipped
	};
	const byName = new Map(current.actors.map((a) => [lower(a.name), a]));
	for (const values of read.actors) {
		const existing = byName.get(lower(values.name));
		if (!existing) plan.actors.add.push(values);
		else if (ACTOR_FIELDS.every((f) => existing[f] === values[f])) plan.actors.unchanged++;
		else plan.actors.update.push({ existing, values });
	}
	const nameOf = new Map(current.actors.map((a) => [a.id, a.name]));
	const existingHandoffs = new Map(current.handoffs.map((h) => [handoffKey(nameOf.get(h.fromActorId)!, nameOf.get(h.toActorId)!, h.label), h]));
	for (const values of read.handoffs) {
		const existing = existingHandoffs.get(handoffKey(values.from, values.to, values.label));
		if (!existing) {
			plan.handoffs.add.push(values);
			continue;
		}
		// The ends match by the key; every other field must match too.
		if (HANDOFF_FIELDS.every((f) => f === 'fromActorId' || f === 'toActorId' || existing[f] === values[f])) plan.handoffs.unchanged++;
		else plan.handoffs.update.push({ existing, values });
	}
	return plan;
}

export const planIsEmpty = (plan: ImportPlan) =>
	!plan.actors.add.length && !plan.actors.update.length && !plan.handoffs.add.length && !plan.handoffs.update.length;

/** A finished import's counts as the address of the page that reports them: `added.updated.added.updated`. */
export const summaryQuery = (s: { actorsAdded: number; actorsUpdated: number; handoffsAdded: number; handoffsUpdated: number }) =>
	[s.actorsAdded, s.actorsUpdated, s.handoffsAdded, s.handoffsUpdated].join('.');

export function summaryFromQuery(query: string | null) {
	const parts = /^(\d{1,6})\.(\d{1,6})\.(\d{1,6})\.(\d{1,6})$/.exec(query ?? '');
	if (!parts) return null;
	const [actorsAdded, actorsUpdated, handoffsAdded, handoffsUpdated] = parts.slice(1).map(Number);
	return { actorsAdded, actorsUpdated, handoffsAdded, handoffsUpdated };
}
