// Links the app shows as QR codes (a survey round's, a Hydra exercise's join link): always at the configured ORIGIN,
// never at the address a request came in on, so a phone in the room scans an address that signs in and posts forms.
import QRCode from 'qrcode';
import { link } from '$lib/server/mail';

/** The link to `path` at ORIGIN and a QR code of it (a PNG data URL), dark on white with a quiet zone. */
export async function qrLink(path: string, width = 480) {
	const url = link(path);
	// Scans from the back of a room off a washed-out projector.
	const qr = await QRCode.toDataURL(url, { margin: 2, width, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } });
	return { url, qr };
}
