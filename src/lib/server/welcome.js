// The block a person starting Homeward needs, printed last so it is not lost in the scroll: where to open the app, the
// demo accounts, their password and the staff authenticator key, with the key as a QR code a phone can scan. Plain
// JavaScript so that the server (scripts/server.js), the app itself under `vite dev` and `npm run seed` print the same.
import os from 'node:os';
import QRCode from 'qrcode';
import { createTOTPKeyURI } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';

/**
 * @typedef {{ password: string, totpSecret: string, logins: { email: string, role: string }[] }} Seeded
 * @typedef {{ origin?: string, port?: string | number, host?: string, seeded?: Seeded | null, orgName?: string, heading?: string }} WelcomeOptions
 */

/** IPv4 addresses other machines on the local network can reach this one at. */
function networkAddresses() {
	return Object.values(os.networkInterfaces())
		.flat()
		.filter((a) => a && a.family === 'IPv4' && !a.internal)
		.map((a) => /** @type {import('node:os').NetworkInterfaceInfo} */ (a).address);
}

/** Where to open the app. Other addresses only work once ORIGIN names them (form posts are checked against ORIGIN). */
function addressLines(/** @type {WelcomeOptions} */ { origin, port, host }) {
	if (!origin) return [];
	const lines = [`Open ${origin}`];
	const url = new URL(origin);
	const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
	const listensOutside = !host || host === '0.0.0.0' || host === '::';
	if (!local || !listensOutside) return lines;
	const others = networkAddresses().map((address) => `http://${address}:${port ?? url.port}`);
	if (others.length === 0) return lines;
	lines.push(
		'',
		'Phones and laptops in the room reach this computer at:',
		...others.map((o) => `  ${o}`),
		`To use one of them, start with ORIGIN set to it, e.g. ORIGIN=${others[0]} npm start`,
		'(sign-in only works at the address ORIGIN names, and links and QR codes in the app point there).'
	);
	return lines;
}

/** The otpauth:// URI an authenticator app takes from a QR code, for the demo's shared staff key. */
export function demoKeyUri(/** @type {string} */ totpSecret, orgName = 'Homeward') {
	return createTOTPKeyURI(orgName, 'demo staff', decodeBase32IgnorePadding(totpSecret), 30, 6);
}

/** The sign-in details of a fresh demo. A password or key taken from the environment is never echoed. */
async function loginLines(/** @type {Seeded} */ seeded, orgName = 'Homeward') {
	const width = Math.max(...seeded.logins.map((l) => l.email.length));
	const lines = [
		'Demo accounts (fictional):',
		...seeded.logins.map((l) => `  ${l.email.padEnd(width)}  ${l.role}`),
		process.env.SEED_PASSWORD ? 'Password: the value of SEED_PASSWORD' : `Password: ${seeded.password}  (random, shown once)`
	];
	if (process.env.SEED_TOTP_SECRET) {
		lines.push('Authenticator key (admin and consultants): the value of SEED_TOTP_SECRET');
		return lines;
	}
	const qr = await QRCode.toString(demoKeyUri(seeded.totpSecret, orgName), {
		type: 'terminal',
		small: true,
		errorCorrectionLevel: 'L'
	});
	lines.push(
		`Authenticator key (admin and consultants): ${seeded.totpSecret}`,
		'Scan it into an authenticator app, or type the key in:',
		qr.trimEnd()
	);
	return lines;
}

/** The whole block, framed by rules so it stands out from anything printed before it. */
export async function welcome(/** @type {WelcomeOptions} */ options) {
	const { seeded, orgName, heading } = options;
	const rule = '─'.repeat(72);
	const body = [heading ?? `${orgName ?? 'Homeward'} is ready.`, ...addressLines(options)];
	if (seeded) body.push('', ...(await loginLines(seeded, orgName)));
	else if (seeded === null)
		body.push('', 'The database already held data: sign in with the accounts and password printed when it was seeded.');
	return ['', rule, ...body, rule, ''].join('\n');
}
