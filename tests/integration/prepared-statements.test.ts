// On PostgreSQL the app's queries run as named statements: after its first use a query is one round trip, with no parse
// or plan, where an unnamed one took two (postgres.js describes it first).
import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { db, preparingStatements } from '$lib/server/db';
import { users } from '$lib/server/db/schema';
import { useTestDatabase } from '../helpers/database';

const opened = useTestDatabase();

describe.runIf(process.env.DATABASE_URL)('named statements on PostgreSQL', () => {
	it('prepares what the app asks, in a transaction too', async () => {
		await db.transaction(async (tx) => {
			await tx.select({ id: users.id }).from(users).where(eq(users.email, 'nobody@homeward.test'));
			// postgres.js returns the rows as an array.
			const prepared = (await tx.execute(sql`select statement from pg_prepared_statements`)) as unknown as { statement: string }[];
			expect(prepared.map((row) => row.statement)).toContain('select "id" from "users" where "users"."email" = $1');
		});
	});

	it('names only the first distinct texts, so that texts growing with a list cannot add statements without end', async () => {
		const { default: postgres } = await import('postgres');
		const client = postgres(opened.url!, { max: 1, onnotice: () => {} });
		try {
			const sqlOf = preparingStatements(client, 2);
			for (const n of [1, 2, 3, 1]) await sqlOf.unsafe(`select $1::int as n${n}`, [n]);
			const rows = await client.unsafe(`select statement from pg_prepared_statements where statement like 'select $1::int%' order by 1`);
			expect(rows.map((row) => row.statement)).toEqual(['select $1::int as n1', 'select $1::int as n2']);
		} finally {
			await client.end();
		}
	});
});
