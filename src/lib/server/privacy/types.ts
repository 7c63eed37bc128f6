// What every holder of personal data gives the subject-access and erasure verbs (see registry.ts).
import type { Executor, Transaction } from '$lib/server/db';
import type { SessionUser } from '$lib/server/auth/session';

export type PersonalRecord = Record<string, unknown>;

/** The person being erased, and what the sources erased so far have learned about them. */
export interface Subject {
	/** Normalised: trimmed, lower case. */
	email: string;
	actor: SessionUser;
	now: Date;
	/** Audit rows about records erased so far (entity and id): their personal fields are blanked at the end. */
	auditRefs: { entity: string; entityId: string }[];
	/** Names found beside the address (a lead's, a user's): scrubbed from mail bodies at the end. */
	names: string[];
}

export interface PersonalDataSource {
	/** Stable key of the export file. */
	id: string;
	/** What it is, for the admin page. */
	label: string;
	/** Everything this source holds about the address, as plain records for the export. */
	find(executor: Executor, email: string): Promise<PersonalRecord[]>;
	/** One line describing a found record for the admin page. */
	describe(record: PersonalRecord): string;
	/**
	 * A reason to refuse the whole erasure before anything changes (e.g. the address is the actor's own account), or
	 * null.
	 */
	refuse?(executor: Executor, subject: Subject): Promise<string | null>;
	/** Deletes or anonymises what `find` finds, inside the erasure's transaction; returns how many records. */
	erase(tx: Transaction, subject: Subject): Promise<number>;
}
