import { describe, expect, it } from 'vitest';
import { londonToday } from '$lib/domain/dates';
import {
	PHOTO_MAX_BYTES,
	checkPhoto,
	receivesAppeal,
	sightingPurgeBefore,
	sniffPhotoType
} from '$lib/domain/heroes';

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);

describe('photos', () => {
	it('knows JPEG and PNG by their first bytes', () => {
		expect(sniffPhotoType(JPEG)).toBe('image/jpeg');
		expect(sniffPhotoType(PNG)).toBe('image/png');
	});

	it('refuses anything else, however it is named: GIF, SVG, HTML, empty', () => {
		expect(sniffPhotoType(new TextEncoder().encode('GIF89a'))).toBeNull();
		expect(sniffPhotoType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg">'))).toBeNull();
		expect(sniffPhotoType(new TextEncoder().encode('<html><script>'))).toBeNull();
		expect(sniffPhotoType(new Uint8Array())).toBeNull();
		expect(checkPhoto(new TextEncoder().encode('<html>'))).toEqual({ ok: false, message: 'Choose a JPEG or PNG photo.' });
	});

	it('refuses a photo over 2 MB and takes one of exactly 2 MB', () => {
		const big = new Uint8Array(PHOTO_MAX_BYTES + 1);
		big.set(JPEG);
		expect(checkPhoto(big)).toEqual({ ok: false, message: 'Choose a photo of 2 MB or less.' });
		expect(checkPhoto(big.subarray(0, PHOTO_MAX_BYTES))).toEqual({ ok: true, type: 'image/jpeg' });
	});
});

describe('who receives an appeal', () => {
	it('sends only to confirmed subscribers of all regions or of the appeal region', () => {
		expect(receivesAppeal({ status: 'confirmed', region: null }, 'london')).toBe(true);
		expect(receivesAppeal({ status: 'confirmed', region: 'london' }, 'london')).toBe(true);
		expect(receivesAppeal({ status: 'confirmed', region: 'wales' }, 'london')).toBe(false);
		expect(receivesAppeal({ status: 'pending', region: null }, 'london')).toBe(false);
		expect(receivesAppeal({ status: 'unsubscribed', region: 'london' }, 'london')).toBe(false);
	});
});

describe('dates', () => {
	it('gives today in London, which is tomorrow in UTC terms just after midnight in summer', () => {
		expect(londonToday(new Date('2026-07-01T23:30:00Z'))).toBe('2026-07-02');
		expect(londonToday(new Date('2026-01-01T23:30:00Z'))).toBe('2026-01-01');
	});

	it('purges handled sightings older than the retention period', () => {
		expect(sightingPurgeBefore(new Date('2026-03-31T12:00:00Z'), 30).toISOString()).toBe('2026-03-01T12:00:00.000Z');
	});
});
