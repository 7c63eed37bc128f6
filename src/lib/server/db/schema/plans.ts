// Issued versions of an area's plan and the partner organisations' sign-offs on them. An issued version is frozen:
// the PDF and the plan model it was built from are kept as they were, whatever changes in the area afterwards.
import { sql } from 'drizzle-orm';
import { check, customType, date, foreignKey, index, integer, jsonb, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { areas, users } from './core';
import { createdAt } from './columns';

const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
	dataType: () => 'bytea',
	fromDriver: (value) => Buffer.from(value)
});

export const planVersions = pgTable(
	'plan_versions',
	{
		id: text('id').primaryKey(),
		areaId: text('area_id')
			.notNull()
			.references(() => areas.id, { onDelete: 'cascade' }),
		number: integer('number').notNull(),
		/** The area's recorded changes when the version was issued: more since means a new draft. */
		changesAtIssue: integer('changes_at_issue').notNull(),
		model: jsonb('model').notNull(),
		pdf: bytea('pdf').notNull(),
		issuedBy: text('issued_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [
		unique('plan_versions_area_number_unique').on(t.areaId, t.number),
		unique('plan_versions_area_id_unique').on(t.areaId, t.id),
		check('plan_versions_number_check', sql`${t.number} >= 1`)
	]
);

export const planSignoffs = pgTable(
	'plan_signoffs',
	{
		id: text('id').primaryKey(),
		areaId: text('area_id').notNull(),
		versionId: text('version_id').notNull(),
		organisation: text('organisation').notNull(),
		name: text('name').notNull(),
		role: text('role').notNull(),
		signedOn: date('signed_on').notNull(),
		recordedBy: text('recorded_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [
		foreignKey({ name: 'plan_signoffs_version_fk', columns: [t.areaId, t.versionId], foreignColumns: [planVersions.areaId, planVersions.id] }).onDelete('cascade'),
		unique('plan_signoffs_version_organisation_unique').on(t.versionId, t.organisation),
		index('plan_signoffs_area_idx').on(t.areaId)
	]
);

export type PlanVersion = typeof planVersions.$inferSelect;
export type PlanSignoff = typeof planSignoffs.$inferSelect;
