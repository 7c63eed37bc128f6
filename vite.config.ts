/// <reference types="vitest/config" />
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
	plugins: [sveltekit()],
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
});
