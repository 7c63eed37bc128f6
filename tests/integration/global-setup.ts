// Builds one migrated template database per test run; each integration test file starts from a copy of it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { connect, pgliteExtensions } from '../../src/lib/server/db';
import { adminUrl, templateName, withDatabase } from '../helpers/postgres';

declare module 'vitest' {
	export interface ProvidedContext {
		pgliteTemplate: string;
		postgresTemplate: string;
	}
}

export default async function setup(project: TestProject) {
	const url = process.env.DATABASE_URL;
	if (url) {
		const { default: postgres } = await import('postgres');
		const admin = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
		const template = templateName();
		await admin.unsafe(`drop database if exists "${template}" with (force)`);
		await admin.unsafe(`create database "${template}"`);
		const handle = await connect({ url: withDatabase(url, template) });
		await handle.close();
		project.provide('postgresTemplate', template);
		project.provide('pgliteTemplate', '');
		return async () => {
			await admin.unsafe(`drop database if exists "${template}" with (force)`);
			await admin.end();
		};
	}
	const dir = mkdtempSync(join(tmpdir(), 'homeward-template-'));
	const { PGlite } = await import('@electric-sql/pglite');
	const { drizzle } = await import('drizzle-orm/pglite');
	const { migrate } = await import('drizzle-orm/pglite/migrator');
	const client = await PGlite.create({ extensions: await pgliteExtensions() });
	await migrate(drizzle(client), { migrationsFolder: 'drizzle' });
	const dump = await client.dumpDataDir('none');
	await client.close();
	const file = join(dir, 'template.tar');
	writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
	project.provide('pgliteTemplate', file);
	project.provide('postgresTemplate', '');
	return () => rmSync(dir, { recursive: true, force: true });
}
