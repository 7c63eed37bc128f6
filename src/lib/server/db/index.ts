// The database: PostgreSQL through postgres.js when DATABASE_URL is set, otherwise embedded PGlite under DATA_DIR.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import * as schema from './schema/index';
import { takeTurns } from './fair-queue';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Either the database or an open transaction: verbs that write take this so callers can compose them. */
export type Executor = Database | Transaction;

export interface DatabaseHandle {
	db: Database;
	kind: 'postgres' | 'pglite';
	/** LISTEN on a channel: `onNotify` gets each payload NOTIFY sends there once its transaction commits. */
	listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
	close(): Promise<void>;
}

export interface OpenOptions {
	/** PostgreSQL connection string; when absent the embedded database is used. */
	url?: string;
	/** Folder of the embedded database (created when missing). */
	dataDir?: string;
	/** A dumped PGlite data folder to start from (tests). */
	loadDataDir?: Blob;
	/** Run the committed migrations before returning (default true). */
	migrate?: boolean;
	/** Folder of the SQL migrations. */
	migrationsFolder?: string;
}

const MIGRATION_LOCK = 7_351_101;

export const migrationsFolder = () => resolve(process.env.MIGRATIONS_DIR ?? 'drizzle');

export async function connect(options: OpenOptions): Promise<DatabaseHandle> {
	const folder = options.migrationsFolder ?? migrationsFolder();
	if (options.url) {
		const { default: postgres } = await import('postgres');
		const { drizzle } = await import('drizzle-orm/postgres-js');
		if (options.migrate !== false) await migratePostgres(options.url, folder);
		const client = postgres(options.url, { max: Number(process.env.DATABASE_POOL ?? 10), onnotice: () => {} });
		const db = drizzle(preparingStatements(client), { schema }) as unknown as Database;
		return {
			db,
			kind: 'postgres',
			// postgres.js keeps one connection for listening and re-listens after it reconnects.
			listen: async (channel, onNotify) => {
				const { unlisten } = await client.listen(channel, onNotify);
				return unlisten;
			},
			close: () => client.end({ timeout: 5 })
		};
	}
	const { PGlite, types } = await import('@electric-sql/pglite');
	const { drizzle } = await import('drizzle-orm/pglite');
	const extensions = await pgliteExtensions();
	const parsers = textParsers(types);
	let client;
	if (options.loadDataDir) {
		client = await PGlite.create({ loadDataDir: options.loadDataDir, extensions, parsers });
	} else {
		const dir = resolve(options.dataDir ?? 'data');
		mkdirSync(dir, { recursive: true });
		client = await PGlite.create(dir, { extensions, parsers });
	}
	if (options.migrate !== false) {
		const { migrate } = await import('drizzle-orm/pglite/migrator');
		await migrate(drizzle(client), { migrationsFolder: folder });
	}
	// Requests take turns at the one connection in the order they arrived (see fair-queue.ts).
	const db = drizzle(takeTurns(parsingOnce(client, parsers)), { schema }) as unknown as Database;
	return {
		db,
		kind: 'pglite',
		listen: async (channel, onNotify) => {
			const unlisten = await client.listen(channel, onNotify);
			return () => unlisten();
		},
		close: async () => {
			if (!client.closed) await client.close();
		}
	};
}

// drizzle asks postgres.js for an unnamed statement unless a query is prepared by name, and postgres.js then describes
// every query with parameters in a round trip of its own before it runs it: two round trips, and a parse and a plan, for
// each query a page makes. A named statement skips all three from its second use on. Each connection keeps the
// statements it has prepared until it is recycled (postgres.js's max_lifetime, 30 to 60 minutes), so only the first
// PREPARED_TEXTS distinct query texts are named: a query whose text grows with a list (`in ($1, $2, …)`) would
// otherwise add statements without bound. Later texts run as before.
const PREPARED_TEXTS = 500;

type Sql = import('postgres').Sql;
type Unsafe = Sql['unsafe'];

export function preparingStatements(client: Sql, limit = PREPARED_TEXTS, named = new Set<string>()): Sql {
	const unsafe: Unsafe = (query, parameters, options) => {
		// A query without parameters goes as one simple message, named or not.
		const prepare = Boolean(parameters?.length) && (named.has(query) || (named.size < limit && Boolean(named.add(query))));
		return client.unsafe(query, parameters, { ...options, prepare: prepare || options?.prepare });
	};
	// A transaction's (and a savepoint's) queries go through the connection it hands its callback.
	const within =
		(method: 'begin' | 'savepoint') =>
		(...args: unknown[]) => {
			const callback = args.pop() as (sql: Sql) => unknown;
			const run = Reflect.get(client, method) as (...a: unknown[]) => unknown;
			return run(...args, (sql: Sql) => callback(preparingStatements(sql, limit, named)));
		};
	const overrides: Record<string | symbol, unknown> = { unsafe, begin: within('begin'), savepoint: within('savepoint') };
	return new Proxy(client, {
		get: (target, property, receiver) => (property in overrides && property in target ? overrides[property] : Reflect.get(target, property, receiver))
	});
}

// drizzle hands PGlite, with every query, parsers that leave dates, times and intervals (and arrays of them and of
// numbers) as text for drizzle to map, and PGlite copies its own 318 parsers into a new object to merge them: on a
// one-row lookup that copy was more than a quarter of the query's cost. The embedded database is made with those
// parsers as its own, and a query that brings exactly them goes without; any other is passed on as it came.
export function textParsers(types: typeof import('@electric-sql/pglite').types) {
	// numeric[], timestamp[], timestamptz[], interval[], date[]
	const arrays = [1231, 1115, 1185, 1187, 1182];
	const asText = (value: string) => value;
	return Object.fromEntries([types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE, ...arrays].map((type) => [type, asText]));
}

type Parsers = Record<number, (value: string, type: number) => unknown>;
type Query = (query: string, params?: unknown[], options?: { parsers?: Parsers }) => Promise<unknown>;

export function parsingOnce<C extends { query: (...args: never[]) => Promise<unknown> }>(client: C, own: Parsers): C {
	const types = Object.keys(own).map(Number);
	const sameAsOwn = (parsers: Parsers) =>
		Object.keys(parsers).length === types.length && types.every((type) => parsers[type]?.('text', type) === 'text');
	const query = client.query.bind(client) as Query;
	const withOwn: Query = (text, params, options) =>
		query(text, params, options?.parsers && sameAsOwn(options.parsers) ? { ...options, parsers: undefined } : options);
	Reflect.set(client, 'query', withOwn);
	return client;
}

/** The contrib extensions the migrations create: btree_gist backs the bookings' exclusion constraint. */
export async function pgliteExtensions() {
	const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
	return { btree_gist };
}

/** Migrates under an advisory lock so that several instances starting together apply each migration once. */
async function migratePostgres(url: string, folder: string) {
	const { default: postgres } = await import('postgres');
	const { drizzle } = await import('drizzle-orm/postgres-js');
	const { migrate } = await import('drizzle-orm/postgres-js/migrator');
	const client = postgres(url, { max: 1, onnotice: () => {} });
	try {
		await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
		await migrate(drizzle(client), { migrationsFolder: folder });
		await client`select pg_advisory_unlock(${MIGRATION_LOCK})`;
	} finally {
		await client.end({ timeout: 5 });
	}
}

let handle: DatabaseHandle | null = null;

/**
 * The process's database. Live binding: modules import `db` and see the handle opened at start-up (or by a test).
 */
export let db: Database = new Proxy({} as Database, {
	get() {
		throw new Error('The database is not open yet: call openDatabase() first.');
	}
});

/**
 * A query built once per database and run many times (drizzle's `prepare`), for the few that nearly every page asks:
 * on a page that reads its data from caches, building these queries cost more than running them. `build` gets the
 * database to build on; the result follows the process's database, so a test that opens another gets its own.
 */
export function preparedOnce<T>(build: (database: Database) => T): () => T {
	const built = new WeakMap<Database, T>();
	return () => {
		let query = built.get(db);
		if (!query) built.set(db, (query = build(db)));
		return query;
	};
}

export async function openDatabase(options: OpenOptions = fromEnvironment()): Promise<DatabaseHandle> {
	if (handle) return handle;
	handle = await connect(options);
	db = handle.db;
	return handle;
}

/** Use an already opened handle as the process database (tests). */
export function useDatabase(next: DatabaseHandle) {
	handle = next;
	db = next.db;
}

export async function closeDatabase() {
	const current = handle;
	handle = null;
	if (current) await current.close();
}

/** The open handle's LISTEN; see DatabaseHandle. */
export function listen(channel: string, onNotify: (payload: string) => void) {
	if (!handle) throw new Error('The database is not open yet: call openDatabase() first.');
	return handle.listen(channel, onNotify);
}

export function databaseKind() {
	return handle?.kind ?? null;
}

/**
 * Refreshes the planner's statistics on the embedded database, which has no autovacuum to do it: without them it
 * takes every table for empty and joins an area's 900 handoffs to its actions by nested loop. PostgreSQL's own
 * autovacuum does this there, so it is left alone.
 */
export async function refreshStatistics() {
	if (handle?.kind === 'pglite') await handle.db.execute(sql`analyze`);
}

export function fromEnvironment(): OpenOptions {
	return process.env.DATABASE_URL
		? { url: process.env.DATABASE_URL }
		: { dataDir: process.env.DATA_DIR ?? 'data' };
}

/** True when the database answers; a handle exists only once every committed migration has been applied. */
export async function isReady(): Promise<boolean> {
	if (!handle) return false;
	try {
		await handle.db.execute(sql`select 1`);
		return true;
	} catch {
		return false;
	}
}

export { schema };
