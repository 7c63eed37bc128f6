// Configuration from the environment, with safe defaults for the embedded demo. Read once, documented in the README.
const num = (value: string | undefined, fallback: number) => {
	const n = Number(value);
	return value !== undefined && value !== '' && Number.isFinite(n) && n > 0 ? n : fallback;
};

export const config = {
	get orgName() {
		return process.env.ORG_NAME || 'Homeward';
	},
	get origin() {
		return process.env.ORIGIN || `http://localhost:${process.env.PORT || 3000}`;
	},
	get mailFrom() {
		return process.env.MAIL_FROM || 'Homeward <no-reply@homeward.test>';
	},
	/** The organisation's contact address, where people can write to a person. */
	get contactEmail() {
		return process.env.CONTACT_EMAIL || 'hello@homeward.test';
	},
	/** Where replies to mail for leads go (with their consultant's address beside it): the contact address unless set. */
	get replyTo() {
		return process.env.REPLY_TO || this.contactEmail;
	},
	get sessionIdleDays() {
		return num(process.env.SESSION_IDLE_DAYS, 7);
	},
	get sessionMaxDays() {
		return num(process.env.SESSION_MAX_DAYS, 30);
	},
	/** Staff (admins and consultants) must sign in with an authenticator app too. */
	get requireTwoFactor() {
		return !['false', '0', 'no', 'off'].includes((process.env.REQUIRE_TWO_FACTOR ?? 'true').toLowerCase());
	},
	/** Leads may reschedule or cancel a consultation until this many hours before it starts. */
	get bookingCutoffHours() {
		return num(process.env.BOOKING_CUTOFF_HOURS, 4);
	},
	/** Booking leads' details are anonymised this many months after the last contact. */
	get bookingRetentionMonths() {
		return num(process.env.BOOKING_RETENTION_MONTHS, 24);
	},
	/** Days a handled sighting is kept before it is deleted. */
	get sightingRetentionDays() {
		return num(process.env.SIGHTING_RETENTION_DAYS, 30);
	},
	// Retention of the other personal data (see $lib/server/retention, shown at /app/admin/retention).
	/** Days a Search Heroes sign-up may wait for confirmation before it is deleted (the confirm link's life). */
	get heroUnconfirmedDays() {
		return num(process.env.HERO_UNCONFIRMED_DAYS, 7);
	},
	/** Days an unsubscribed hero's record (address and consent history) is kept as proof of the withdrawal. */
	get heroUnsubscribedDays() {
		return num(process.env.HERO_UNSUBSCRIBED_DAYS, 365);
	},
	/** Months a partner enquiry is kept after it last changed. */
	get enquiryRetentionMonths() {
		return num(process.env.ENQUIRY_RETENTION_MONTHS, 24);
	},
	/** Months a Hydra request is kept after it last changed or its session ended, whichever is later. */
	get hydraRequestRetentionMonths() {
		return num(process.env.HYDRA_REQUEST_RETENTION_MONTHS, 12);
	},
	/** Days sent (or given-up) mail is kept in the outbox, addresses and bodies included. */
	get mailRetentionDays() {
		return num(process.env.MAIL_RETENTION_DAYS, 90);
	},
	/** Days an invitation is kept after it expires (used or not). */
	get invitationRetentionDays() {
		return num(process.env.INVITATION_RETENTION_DAYS, 30);
	},
	/** Hours a counted sign-in, reset or form attempt is kept (the longest rate-limit window is an hour). */
	get rateLimitRetentionHours() {
		return num(process.env.RATE_LIMIT_RETENTION_HOURS, 24);
	},
	/** Days the audit trail is kept (six years by default, the UK limitation period for contract claims). */
	get auditRetentionDays() {
		return num(process.env.AUDIT_RETENTION_DAYS, 2192);
	},
	/** Minutes between appeal digests to Digital Search Heroes; staff can also send one at once. */
	get appealDigestMinutes() {
		return num(process.env.APPEAL_DIGEST_MINUTES, 15);
	},
	/** `auto`: seed an empty embedded database at start-up; `true`: seed any empty database; `false`: never. */
	get demoSeed() {
		return (process.env.DEMO_SEED || 'auto') as 'auto' | 'true' | 'false';
	}
};
