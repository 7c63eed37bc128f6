// Run before the end-to-end tests: without a Chromium, Playwright fails deep inside its first test with a long
// trace. Stop at once instead, with the command that installs one.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

// The same browser playwright.config.ts launches: the system one, else Playwright's own download.
const system = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const bundled = chromium.executablePath();
if (!existsSync(system) && !existsSync(bundled)) {
	console.error(`The end-to-end tests need Chromium, and none was found (looked for ${system} and ${bundled}).
Install it, then run the tests again:
  Debian or Ubuntu:  sudo apt-get install chromium
  elsewhere:         npx playwright install chromium`);
	process.exit(1);
}
