// Live workshops: who has an area's page open right now, one row per open event stream, shared by every instance.
import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { areas, users } from './core';

export const presence = pgTable(
	'presence',
	{
		/** One open stream (a browser tab on a page). */
		id: text('id').primaryKey(),
		areaId: text('area_id')
			.notNull()
			.references(() => areas.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** The page's path. */
		view: text('view').notNull(),
		seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('presence_area_idx').on(t.areaId, t.seenAt)]
);
