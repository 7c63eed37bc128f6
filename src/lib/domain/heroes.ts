// Digital Search Heroes: the regions appeals are grouped by, the consent wording, and the rules for photos and dates.
import { UPLOAD_LIMITS } from './uploads';

/**
 * Appeals and local subscriptions use the UK's nations and English regions, not the consultancy's areas: a public
 * page must never reveal which local areas are working with the consultancy.
 */
export const REGIONS = [
	'north-east',
	'north-west',
	'yorkshire-humber',
	'east-midlands',
	'west-midlands',
	'east-of-england',
	'london',
	'south-east',
	'south-west',
	'wales',
	'scotland',
	'northern-ireland'
] as const;
export type Region = (typeof REGIONS)[number];

export const REGION_LABELS: Record<Region, string> = {
	'north-east': 'North East England',
	'north-west': 'North West England',
	'yorkshire-humber': 'Yorkshire and the Humber',
	'east-midlands': 'East Midlands',
	'west-midlands': 'West Midlands',
	'east-of-england': 'East of England',
	london: 'London',
	'south-east': 'South East England',
	'south-west': 'South West England',
	wales: 'Wales',
	scotland: 'Scotland',
	'northern-ireland': 'Northern Ireland'
};

export const regionOptions = () => REGIONS.map((value) => ({ value, label: REGION_LABELS[value] }));

/** The exact wording beside the consent box; stored with each subscriber so we can show what they agreed to. */
export const CONSENT_WORDING =
	'I agree to receive emails with appeals for missing people (for my region if I chose one), and I know I can unsubscribe from any email in one click.';
export const CONSENT_METHOD = 'web form at /search-heroes, confirmed by emailed link';

export const SUBSCRIBER_STATUSES = ['pending', 'confirmed', 'unsubscribed'] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

/** Whether a subscriber should get an appeal for `appealRegion`: confirmed, and either all regions or that one. */
export function receivesAppeal(
	subscriber: { status: SubscriberStatus; region: Region | null },
	appealRegion: Region
): boolean {
	return subscriber.status === 'confirmed' && (subscriber.region === null || subscriber.region === appealRegion);
}

export const CONFIRM_LINK_DAYS = 7;
export const MANAGE_LINK_DAYS = 365;

export const PHOTO_MAX_BYTES = UPLOAD_LIMITS.photoBytes;
export const PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

/** The image type from the file's first bytes, whatever its name or declared type says; null for anything else. */
export function sniffPhotoType(bytes: Uint8Array): PhotoType | null {
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
	const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
	if (bytes.length >= png.length && png.every((b, i) => bytes[i] === b)) return 'image/png';
	return null;
}

/** Checks an uploaded photo; returns its type or the message to show beside the field. */
export function checkPhoto(bytes: Uint8Array): { ok: true; type: PhotoType } | { ok: false; message: string } {
	if (bytes.length > PHOTO_MAX_BYTES) return { ok: false, message: 'Choose a photo of 2 MB or less.' };
	const type = sniffPhotoType(bytes);
	if (!type) return { ok: false, message: 'Choose a JPEG or PNG photo.' };
	return { ok: true, type };
}

/** Handled sightings are deleted this many days after they were handled, unless configured otherwise. */
export const SIGHTING_RETENTION_DAYS = 30;

export function sightingPurgeBefore(now: Date, retentionDays: number): Date {
	return new Date(now.getTime() - retentionDays * 24 * 60 * 60 * 1000);
}

export const SIGHTING_STATUSES = ['new', 'handled'] as const;
export type SightingStatus = (typeof SIGHTING_STATUSES)[number];
