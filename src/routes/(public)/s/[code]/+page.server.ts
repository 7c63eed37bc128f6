// A workshop survey answered without an account. One response per browser per round: an HttpOnly cookie holds a
// random token whose hash is stored with the response; the database refuses a second response with that hash.
import { error, fail, redirect, type Cookies } from '@sveltejs/kit';
import { parseForm, failureFrom } from '$lib/server/forms';
import { answerSchema } from '$lib/validators/models';
import { AlreadyAnsweredError, RoundClosedError, hasAnswered, roundForAnswering, submitResponse } from '$lib/server/models/surveys';
import { hashToken, newToken } from '$lib/server/ids';
import { CODE_PATTERN } from '$lib/domain/surveys';

const cookieName = (code: string) => `homeward_survey_${code}`;

async function roundOf(code: string) {
	const found = CODE_PATTERN.test(code) ? await roundForAnswering(code) : null;
	// An unknown code and a malformed one look the same: nothing to find here.
	if (!found) error(404, 'Not found');
	return found;
}

async function answered(cookies: Cookies, code: string, roundId: string) {
	const token = cookies.get(cookieName(code));
	return token ? hasAnswered(roundId, hashToken(token)) : false;
}

export async function load({ params, cookies }) {
	const { round, statements } = await roundOf(params.code);
	// Only what a participant needs: the round's name and its statements, never the area or anything else.
	return {
		round: { label: round.label, open: round.status === 'open' },
		statements,
		answered: await answered(cookies, params.code, round.id)
	};
}

export const actions = {
	default: async (event) => {
		const { code } = event.params;
		const { statements } = await roundOf(code);
		const form = await parseForm(event.request, answerSchema(statements.map((s) => s.id)));
		if (!form.ok) return form.failure;
		const { sector, comment, ...rest } = form.data as { sector: string | null; comment: string } & Record<string, number>;
		const scores = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key.slice(2), value]));
		const token = event.cookies.get(cookieName(code)) ?? newToken();
		try {
			await submitResponse(code, { sector, comment, scores }, hashToken(token), event.getClientAddress());
		} catch (err) {
			if (err instanceof RoundClosedError || err instanceof AlreadyAnsweredError)
				return fail(409, { errors: { _form: err.message }, values: form.values });
			return failureFrom(event, err, form.values);
		}
		event.cookies.set(cookieName(code), token, {
			path: `/s/${code}`,
			httpOnly: true,
			sameSite: 'lax',
			secure: event.url.protocol === 'https:',
			maxAge: 60 * 60 * 24 * 90
		});
		redirect(303, `/s/${code}?thanks`);
	}
};
