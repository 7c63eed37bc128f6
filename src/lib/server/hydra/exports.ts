// An exercise's decision log as a spreadsheet, for staff: one row per decision in the order recorded. Cells that could
// run as formulas are escaped with the project's one CSV rule, like the action plan's export.
import Papa from 'papaparse';
import { asc, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { hydraDecisions, hydraInjects, hydraSyndicates } from '$lib/server/db/schema';
import { assertStaff } from '$lib/server/auth/staff';
import { escapeCell } from '$lib/domain/csv';
import { HYDRA_SECTOR_LABELS } from '$lib/domain/hydra';
import { ZONE } from '$lib/domain/dates';
import type { SessionUser } from '$lib/server/auth/session';
import { findExercise } from './exercises';

export const DECISION_LOG_COLUMNS = ['Recorded (London)', 'Syndicate', 'Syndicate plays', 'Scenario time', 'Inject', 'Decision', 'Rationale', 'Agency responsible'] as const;

// "2026-03-12 09:45:00": sorts as text and reads as London's wall clock.
const stamp = new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });

export async function exportDecisionLogCsv(actor: SessionUser, exerciseId: string): Promise<{ title: string; csv: string }> {
	assertStaff(actor);
	const exercise = await findExercise(actor, exerciseId);
	const rows = await db
		.select({
			at: hydraDecisions.createdAt,
			teamName: hydraSyndicates.teamName,
			plays: hydraSyndicates.agency,
			scenarioTime: hydraInjects.scenarioTime,
			inject: hydraInjects.title,
			decision: hydraDecisions.decision,
			rationale: hydraDecisions.rationale,
			agency: hydraDecisions.agency
		})
		.from(hydraDecisions)
		.innerJoin(hydraSyndicates, eq(hydraSyndicates.id, hydraDecisions.syndicateId))
		.innerJoin(hydraInjects, eq(hydraInjects.id, hydraDecisions.injectId))
		.where(eq(hydraDecisions.exerciseId, exercise.id))
		.orderBy(asc(hydraDecisions.createdAt), asc(hydraDecisions.id));
	const data = rows.map((r) =>
		[stamp.format(r.at), r.teamName, HYDRA_SECTOR_LABELS[r.plays], r.scenarioTime, r.inject, r.decision, r.rationale, HYDRA_SECTOR_LABELS[r.agency]].map(escapeCell)
	);
	return { title: exercise.title, csv: '\uFEFF' + Papa.unparse({ fields: [...DECISION_LOG_COLUMNS], data }, { newline: '\r\n' }) };
}
