// The system browser the end-to-end tests launch: CHROMIUM_PATH, else Debian's headless shell (a quarter less CPU per
// test than the full browser, which matters when CI runs two suites on two cores), else Debian's Chromium. Undefined
// when none is there: Playwright then uses its own download, if any.
import { existsSync } from 'node:fs';

export const SYSTEM_CHROMIUMS = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'];

export function systemChromium() {
	if (process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : undefined;
	return SYSTEM_CHROMIUMS.find((path) => existsSync(path));
}
