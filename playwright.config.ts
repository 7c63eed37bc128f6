import { defineConfig } from '@playwright/test';
import { systemChromium } from './scripts/chromium-path.js';

// E2E_PORT and E2E_RESULTS let several runs go side by side (CI runs PGlite and PostgreSQL at once); E2E_SKIP_BUILD=1
// uses the build already in build/ instead of building again.
const port = Number(process.env.E2E_PORT ?? 4173);
const results = process.env.E2E_RESULTS ?? 'test-results';

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: results,
	fullyParallel: false,
	workers: 1,
	retries: 0,
	// Two suites share two cores in CI; a test with four browsers can need more than a minute there.
	timeout: 120_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		baseURL: `http://localhost:${port}`,
		extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.1' },
		// A trace records every step of every test and adds a seventh to the CPU a run takes; turn it on to debug a failure locally
		// (E2E_TRACE=retain-on-failure).
		trace: (process.env.E2E_TRACE as 'off' | 'retain-on-failure' | 'on' | undefined) ?? 'off',
		launchOptions: {
			// scripts/check-chromium.js looks for the same browser before the tests start.
			executablePath: systemChromium(),
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		}
	},
	globalTeardown: './tests/e2e/global-teardown.ts',
	webServer: {
		command: process.env.E2E_SKIP_BUILD === '1' ? 'node scripts/e2e-server.js' : 'npm run build && node scripts/e2e-server.js',
		url: `http://localhost:${port}/readyz`,
		timeout: 240_000,
		reuseExistingServer: false,
		stdout: 'ignore',
		stderr: 'pipe',
		env: {
			PORT: String(port),
			ORIGIN: `http://localhost:${port}`,
			SEED_PASSWORD: 'e2e demo password',
			SEED_TOTP_SECRET: 'S3KWTBZAR36TTEMO2IYBVJ3AVHILPYVW',
			// A fixed, test-only key: the e2e database is thrown away after the run.
			ENCRYPTION_KEY: 'UsUUdfZQOguT5aWHgOsFL5ibO8Idwr8aAN9tHF5BCNg=',
			LOG_LEVEL: 'debug',
			E2E_RESULTS: results
		}
	}
});
