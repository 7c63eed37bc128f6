// `npm run seed`: the demo data, into the configured database (DATABASE_URL or DATA_DIR), only when it is empty.
// Vite loads the TypeScript seed module with the app's own aliases, so the seed is the same code the app runs.
import { createServer } from 'vite';

const vite = await createServer({
	server: { middlewareMode: true, hmr: false, ws: false },
	appType: 'custom',
	logLevel: 'error'
});
try {
	const { openDatabase, closeDatabase } = await vite.ssrLoadModule('/src/lib/server/db/index.ts');
	const { seedDemo, describeLogins } = await vite.ssrLoadModule('/src/lib/server/seed/index.ts');
	await openDatabase();
	const seeded = await seedDemo();
	console.log(seeded ? describeLogins(seeded) : 'The database already holds data: nothing was seeded.');
	await closeDatabase();
} finally {
	await vite.close();
}
