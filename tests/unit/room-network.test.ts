// Running Homeward for a room on a laptop: the start-up block names the addresses phones in the room can use and says
// ORIGIN must be set to one of them; every QR code points at ORIGIN, whatever address the page was opened at.
import { afterEach, describe, expect, it, vi } from 'vitest';
import os from 'node:os';
import QRCode from 'qrcode';
import { welcome } from '$lib/server/welcome.js';
import { qrLink } from '$lib/server/qr';
import { shareOf } from '$lib/server/models/surveys';

afterEach(() => {
	vi.restoreAllMocks();
	vi.unstubAllEnvs();
});

const wifi = {
	lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
	wlan0: [
		{ address: '192.168.1.20', family: 'IPv4', internal: false },
		{ address: 'fe80::1', family: 'IPv6', internal: false }
	]
} as unknown as ReturnType<typeof os.networkInterfaces>;

describe('npm start on a laptop in a room', () => {
	it('prints the network addresses phones can use, and that ORIGIN must be set to one for sign-in', async () => {
		vi.spyOn(os, 'networkInterfaces').mockReturnValue(wifi);
		const block = await welcome({ origin: 'http://localhost:3000', port: 3000 });
		expect(block).toContain('Open http://localhost:3000');
		expect(block).toContain('Phones and laptops in the room reach this computer at:\n  http://192.168.1.20:3000');
		expect(block).toContain('ORIGIN=http://192.168.1.20:3000 npm start');
		expect(block).toMatch(/sign-in only works at the address ORIGIN names/);
		expect(block).not.toContain('127.0.0.1');
		expect(block).not.toContain('fe80');
	});

	it('names the network address alone once ORIGIN is set to it', async () => {
		vi.spyOn(os, 'networkInterfaces').mockReturnValue(wifi);
		const block = await welcome({ origin: 'http://192.168.1.20:3000', port: 3000 });
		expect(block).toContain('Open http://192.168.1.20:3000');
		expect(block).not.toContain('Phones and laptops');
	});
});

describe('QR codes', () => {
	it('carry ORIGIN, so a phone scanning the projector reaches the address sign-in and forms accept', async () => {
		vi.stubEnv('ORIGIN', 'http://192.168.1.20:3000');
		const made = vi.spyOn(QRCode, 'toDataURL');
		const share = await shareOf({ code: 'abcd2345' });
		expect(share.url).toBe('http://192.168.1.20:3000/s/abcd2345');
		expect(made).toHaveBeenCalledWith('http://192.168.1.20:3000/s/abcd2345', expect.anything());
		expect(share.qr).toMatch(/^data:image\/png;base64,/);
		expect((await qrLink('/hydra/join?code=X1', 320)).url).toBe('http://192.168.1.20:3000/hydra/join?code=X1');
	});
});
