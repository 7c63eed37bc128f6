// On PostgreSQL the app's queries run as named statements: after its first use a query is one round trip, with no parse
// or plan, where an unnamed one took two (postgres.js describes it first). On the embedded database a query goes
// without the copy of the type parsers drizzle brings, which PGlite merged into its own for every query.
import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { db, parsingOnce, preparingStatements, textParsers } from '$lib/server/db';
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

describe('type parsers on the embedded database', () => {
	it('sends drizzle’s queries to PGlite without their own copy of the parsers, and still reads dates as dates', async () => {
		const { PGlite, types } = await import('@electric-sql/pglite');
		const { drizzle } = await import('drizzle-orm/pglite');
		const own = textParsers(types);
		const client = await PGlite.create({ parsers: own });
		try {
			const sent: unknown[] = [];
			const query = client.query.bind(client);
			client.query = ((text: string, params?: unknown[], options?: Parameters<typeof query>[2]) => {
				sent.push(options?.parsers);
				return query(text, params, options);
			}) as typeof client.query;
			const database = drizzle(parsingOnce(client, own));
			const {
				rows: [row]
			} = await database.execute<{ at: string }>(sql`select timestamptz '2026-12-06 09:30:00+00' as at`);
			// drizzle maps dates itself from the text the parsers leave.
			expect(row.at).toBe('2026-12-06 09:30:00+00');
			const [{ at }] = await database.select({ at: sql<Date>`timestamptz '2026-12-06 09:30:00+00'`.mapWith(users.createdAt) }).from(sql`(select 1) as one`);
			expect(at).toEqual(new Date('2026-12-06T09:30:00Z'));
			expect(sent).toEqual([undefined, undefined]);
		} finally {
			await client.close();
		}
	});

	it('passes on parsers other than its own as they came', async () => {
		const { types } = await import('@electric-sql/pglite');
		const sent: unknown[] = [];
		const client = { query: async (_text: string, _params?: unknown[], options?: { parsers?: unknown }) => sent.push(options?.parsers) };
		const own = textParsers(types);
		const upper = { ...own, [types.TIMESTAMPTZ]: (value: string) => value.toUpperCase() };
		const fewer = { [types.TIMESTAMPTZ]: (value: string) => value };
		parsingOnce(client, own);
		await client.query('select 1', [], { parsers: upper });
		await client.query('select 1', [], { parsers: fewer });
		await client.query('select 1');
		expect(sent).toEqual([upper, fewer, undefined]);
	});
});
