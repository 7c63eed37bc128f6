// Appeal photos are decoded and encoded again before they are stored: what is served is pixels Homeward wrote, with
// none of the upload's metadata (EXIF with the camera's GPS position, XMP, comments, text chunks) and none of the
// bytes a polyglot file hides beside the image (an HTML page in a PNG chunk or after its end). Decoding is bounded in
// pixels, so a small file that claims a huge canvas is refused rather than unpacked. sharp (libvips) works on its
// own threads, not the request loop.
import sharp from 'sharp';
import { UPLOAD_LIMITS } from '$lib/domain/uploads';
import type { PhotoType } from '$lib/domain/heroes';

export type CleanedPhoto = { ok: true; type: PhotoType; bytes: Buffer } | { ok: false; message: string };

export async function reencodePhoto(bytes: Uint8Array, type: PhotoType): Promise<CleanedPhoto> {
	const side = UPLOAD_LIMITS.photoLongestSide;
	try {
		const image = sharp(bytes, { limitInputPixels: UPLOAD_LIMITS.photoPixels, failOn: 'error' })
			// Turn the picture the way its EXIF orientation says, since that tag goes with the rest.
			.rotate()
			.resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true });
		const out = type === 'image/png' ? image.png({ compressionLevel: 9 }) : image.jpeg({ quality: 85, mozjpeg: true });
		return { ok: true, type, bytes: await out.toBuffer() };
	} catch (err) {
		if (err instanceof Error && /pixel limit/i.test(err.message)) {
			return { ok: false, message: `Choose a smaller photo: at most ${UPLOAD_LIMITS.photoPixels / 1_000_000} megapixels.` };
		}
		return { ok: false, message: 'This photo could not be read. Choose a JPEG or PNG photo.' };
	}
}
