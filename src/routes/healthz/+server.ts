import { json } from '@sveltejs/kit';

/** The process is up. */
export const GET = () => json({ status: 'ok' });
