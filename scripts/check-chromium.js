// Run before the end-to-end tests: without a Chromium, Playwright fails deep inside its first test with a long
// trace. Stop at once instead, with the command that installs one.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { SYSTEM_CHROMIUMS, systemChromium } from './chromium-path.js';

// The same browser playwright.config.ts launches: the system one, else Playwright's own download.
const bundled = chromium.executablePath();
if (!systemChromium() && !existsSync(bundled)) {
	const looked = [process.env.CHROMIUM_PATH ?? SYSTEM_CHROMIUMS, bundled].flat().join(', ');
	console.error(`The end-to-end tests need Chromium, and none was found (looked for ${looked}).
Install it, then run the tests again:
  Debian or Ubuntu:  sudo apt-get install chromium-headless-shell
  elsewhere:         npx playwright install chromium`);
	process.exit(1);
}
