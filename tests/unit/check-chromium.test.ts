// `npm test` on a machine without Chromium stops before any test runs, with the command that installs it.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';

const check = (env: Record<string, string>) =>
	spawnSync(process.execPath, ['scripts/check-chromium.js'], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 30_000 });

describe('the Chromium check before the end-to-end tests', () => {
	it('stops with the install command when no Chromium is there', () => {
		const result = check({ CHROMIUM_PATH: '/nonexistent/chromium', PLAYWRIGHT_BROWSERS_PATH: '/nonexistent/browsers' });
		expect(result.status).toBe(1);
		expect(result.stderr).toContain('sudo apt-get install chromium-headless-shell');
		expect(result.stderr).toContain('npx playwright install chromium');
	});

	it('passes quietly when the browser exists', () => {
		// Any existing file stands in for the browser: the check only asks whether it is there.
		const result = check({ CHROMIUM_PATH: process.execPath });
		expect(result.status).toBe(0);
		expect(result.stderr).toBe('');
	});
});
