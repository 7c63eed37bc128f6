// `npm run seed` on an empty embedded database ends with the welcome block: the address, the demo accounts, the
// password and the authenticator key, with a QR code in the terminal that a phone's authenticator app can read.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import jsQR from 'jsqr';

const run = promisify(execFile);

/**
 * Reads the QR code qrcode's small terminal renderer drew back into pixels: each character is two modules, one above
 * the other ('█' both dark, '▀' top, '▄' bottom, ' ' neither). Its one-module light border is dropped (the last row's
 * border is drawn with colour codes, which are stripped here) and a wide quiet zone added, as a scanner expects.
 */
function decodeTerminalQr(lines: string[]) {
	const rows = lines.flatMap((line) => {
		const chars = [...line];
		return [chars.map((c) => c === '█' || c === '▀'), chars.map((c) => c === '█' || c === '▄')];
	});
	const size = [...lines[0]].length - 2;
	const modules = rows.slice(1, size + 1).map((row) => row.slice(1, size + 1));
	const quiet = 4;
	const scale = 4;
	const width = (size + 2 * quiet) * scale;
	const rgba = new Uint8ClampedArray(width * width * 4).fill(255);
	modules.forEach((row, y) =>
		row.forEach((dark, x) => {
			if (!dark) return;
			for (let dy = 0; dy < scale; dy++)
				for (let dx = 0; dx < scale; dx++) {
					const i = (((y + quiet) * scale + dy) * width + (x + quiet) * scale + dx) * 4;
					rgba[i] = rgba[i + 1] = rgba[i + 2] = 0;
				}
		})
	);
	return jsQR(rgba, width, width)?.data ?? null;
}

describe('npm run seed', () => {
	it('prints the welcome block with the accounts, password, key and a QR code of the key', { timeout: 180_000 }, async () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'homeward-seed-'));
		try {
			const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: '3999', LOG_LEVEL: 'warn' };
			for (const name of ['DATABASE_URL', 'ORIGIN', 'SEED_PASSWORD', 'SEED_TOTP_SECRET', 'HOST']) delete env[name];
			const { stdout } = await run(process.execPath, ['scripts/seed.js'], { env, timeout: 170_000 });
			// eslint-disable-next-line no-control-regex
			const text = stdout.replace(/\x1b\[[0-9;]*m/g, '');
			const lines = text.split('\n');
			const rule = lines.findIndex((l) => /^─{20,}$/.test(l));
			expect(rule, stdout).toBeGreaterThanOrEqual(0);
			const block = lines.slice(rule);
			// The block is the last thing printed.
			expect(block.filter((l) => l.trim() !== '').at(-1)).toMatch(/^─{20,}$/);
			expect(block).toContain('Open http://localhost:3999');
			expect(block).toContainEqual(expect.stringMatching(/^ {2}admin@homeward\.test +admin$/));
			expect(block).toContainEqual(expect.stringMatching(/^ {2}partner\.north@homeward\.test +partner$/));
			expect(block).toContainEqual(expect.stringMatching(/^Password: [a-z0-9]{16} {2}\(random, shown once\)$/));
			const key = block.map((l) => l.match(/^Authenticator key \(admin and consultants\): ([A-Z2-7]{32})$/)?.[1]).find(Boolean);
			expect(key).toBeTruthy();

			const start = block.findIndex((l) => l.startsWith('Scan it into an authenticator app')) + 1;
			const end = block.findIndex((l, i) => i > start && /^─{20,}$/.test(l));
			const qrLines = block.slice(start, end).filter((l) => l.trim() !== '');
			expect(qrLines.length).toBeGreaterThan(10);
			const uri = decodeTerminalQr(qrLines);
			expect(uri).toMatch(/^otpauth:\/\/totp\//);
			expect(new URL(uri!).searchParams.get('secret')).toBe(key);
		} finally {
			rmSync(dataDir, { recursive: true, force: true });
		}
	});
});
