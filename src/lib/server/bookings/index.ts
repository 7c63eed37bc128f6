// Free consultations: open slots, booking, the lead's self-service by token, the consultants' pipeline.
// No double booking rests on the `bookings_no_overlap` exclusion constraint: every verb that creates or moves a
// booking inserts or updates and lets PostgreSQL refuse an overlap (SQLSTATE 23P01), which becomes SlotTakenError.
// One file per verb (the way Immich splits a service); this one only names what routes, jobs and tests use.
export { listOpenSlots, SlotTakenError, SLOT_TAKEN } from './schedule';
export { bookConsultation, type IntakeInput } from './book';
export { cancelByToken, findByToken, rescheduleByToken, rescheduleOptions } from './manage';
export { getBooking, listBookings, updateBooking, type PipelineFilter } from './pipeline';
export { startEngagement } from './engagement';
export { bookingJoining, setBookingJoining } from './joining';
export { sendReminders } from './reminders';
export { createFeed, feedByToken, feedStatus, leadCalendar, revokeFeed } from './calendar';
export { cancelAsConsultant, moveBooking, moveOptions, listTeamBookings, teamConsultants, type TeamFilter } from './consultant';

export const ANONYMISED = 'Anonymised';
