// `npm run seed`: the demo data, into the configured database (DATABASE_URL or DATA_DIR), only when it is empty.
// Vite loads the TypeScript seed module with the app's own aliases, so the seed is the same code the app runs.
import { createServer } from 'vite';
import { welcome } from '../src/lib/server/welcome.js';

const vite = await createServer({
	server: { middlewareMode: true, hmr: false, ws: false },
	appType: 'custom',
	logLevel: 'error'
});
try {
	const { openDatabase, closeDatabase } = await vite.ssrLoadModule('/src/lib/server/db/index.ts');
	const { seedDemo } = await vite.ssrLoadModule('/src/lib/server/seed/index.ts');
	await openDatabase();
	const seeded = await seedDemo();
	await closeDatabase();
	if (!seeded) console.log('The database already holds data: nothing was seeded.');
	else {
		const port = process.env.PORT || 3000;
		const origin = process.env.ORIGIN || `http://localhost:${port}`;
		console.log(await welcome({ origin, port, host: process.env.HOST, seeded, orgName: process.env.ORG_NAME, heading: 'Demo data seeded. Once `npm start` is running:' }));
	}
} finally {
	await vite.close();
}
