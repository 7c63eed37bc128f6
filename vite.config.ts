/// <reference types="vitest/config" />
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig(({ command }) => ({
	plugins: [sveltekit()],
	// A build prints warnings and errors only: its per-file size table and the bundler's plugin timings (hundreds of
	// lines) would scroll the sign-in details `npm start` prints off the screen. `vite dev` keeps its usual output.
	logLevel: command === 'build' ? 'warn' : 'info',
	build: { rolldownOptions: { checks: { bundlerTimings: false } } },
	server: { port: 5173 },
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'src/**/*.test.ts'],
		globalSetup: ['tests/integration/global-setup.ts'],
		environment: 'node',
		// A fixed, test-only key for secrets encrypted at rest; test databases are thrown away.
		env: { ENCRYPTION_KEY: 'UsUUdfZQOguT5aWHgOsFL5ibO8Idwr8aAN9tHF5BCNg=' },
		testTimeout: 20_000,
		hookTimeout: 60_000
	}
}));
