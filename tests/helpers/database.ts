// A fresh database for one integration test file, copied from the run's migrated template.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, inject } from 'vitest';
import { connect, useDatabase, closeDatabase, type DatabaseHandle } from '$lib/server/db';
import { adminUrl, withDatabase } from './postgres';

/** Opens a fresh database for the file; the returned object gives its PostgreSQL URL (null on PGlite) once open. */
export function useTestDatabase() {
	const opened: { url: string | null } = { url: null };
	let drop: (() => Promise<void>) | null = null;
	beforeAll(async () => {
		let handle: DatabaseHandle;
		const template = inject('postgresTemplate');
		const url = process.env.DATABASE_URL;
		if (url && template) {
			const { default: postgres } = await import('postgres');
			const admin = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
			const name = `${template}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
			await admin.unsafe(`create database "${name}" template "${template}"`);
			opened.url = withDatabase(url, name);
			handle = await connect({ url: opened.url, migrate: false });
			drop = async () => {
				await admin.unsafe(`drop database if exists "${name}" with (force)`);
				await admin.end();
			};
		} else {
			const dump = readFileSync(inject('pgliteTemplate'));
			handle = await connect({ loadDataDir: new Blob([dump]), migrate: false });
		}
		useDatabase(handle);
	});
	afterAll(async () => {
		await closeDatabase();
		await drop?.();
	});
	return opened;
}
