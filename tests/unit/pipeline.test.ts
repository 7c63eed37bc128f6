import { describe, expect, it } from 'vitest';
import { enquiryStatusForArea, stageOfArea, stageOfEnquiry, waitText, waits } from '$lib/domain/pipeline';
import { ENQUIRY_STATUSES, statusFollowsArea } from '$lib/domain/enquiries';
import { PROGRAMME_SOURCE, sourceText } from '$lib/domain/programme';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const now = new Date('2027-05-01T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('pipeline stages', () => {
	it('place every enquiry status in one stage, or out of the pipeline once closed', () => {
		expect(ENQUIRY_STATUSES.map((s) => [s, stageOfEnquiry(s)])).toEqual([
			['new', 'enquiry'],
			['contacted', 'enquiry'],
			['offered', 'consultation'],
			['booked', 'consultation'],
			['prospect', 'prospect'],
			['partner', 'partner'],
			['closed', null]
		]);
		expect(ENQUIRY_STATUSES.filter(statusFollowsArea)).toEqual(['prospect', 'partner']);
	});

	it('place areas by status, and an enquiry that became an area follows it', () => {
		expect([stageOfArea('prospect'), stageOfArea('active'), stageOfArea('closed')]).toEqual(['prospect', 'partner', null]);
		expect([enquiryStatusForArea('prospect'), enquiryStatusForArea('active'), enquiryStatusForArea('closed')]).toEqual(['prospect', 'partner', 'closed']);
	});
});

describe('waits', () => {
	it('give the median and the longest wait, whatever the order', () => {
		expect(waits([ago(3 * DAY), ago(DAY), ago(10 * DAY)], now)).toEqual({ count: 3, medianMs: 3 * DAY, oldestMs: 10 * DAY });
		expect(waits([ago(4 * HOUR), ago(2 * HOUR)], now)).toEqual({ count: 2, medianMs: 3 * HOUR, oldestMs: 4 * HOUR });
	});

	it('are empty for an empty stage, and never negative for a clock a little ahead', () => {
		expect(waits([], now)).toEqual({ count: 0, medianMs: null, oldestMs: null });
		expect(waits([new Date(now.getTime() + 5000)], now)).toEqual({ count: 1, medianMs: 0, oldestMs: 0 });
	});

	it('read at a glance', () => {
		expect([null, 20 * 60 * 1000, HOUR, 5 * HOUR, DAY, 13 * DAY, 14 * DAY, 40 * DAY].map(waitText)).toEqual([
			'–',
			'under an hour',
			'1 hour',
			'5 hours',
			'1 day',
			'13 days',
			'2 weeks',
			'5 weeks'
		]);
	});
});

describe('chart sources', () => {
	it('name the source with its year and a link', () => {
		expect(PROGRAMME_SOURCE.year).toMatch(/^\d{4}$/);
		expect(PROGRAMME_SOURCE.href).toMatch(/^\/|^https:\/\//);
		expect(sourceText(PROGRAMME_SOURCE)).toBe(`${PROGRAMME_SOURCE.name} (2026)`);
	});
});
