// Links in mail that work by a secret in their path (reset, invitation, a lead's manage link, a hero's confirm,
// preferences and unsubscribe links) or in the query (a consultation offer's booking link). Whoever reads the mail can use them, so the admin mailbox and the subject access
// export show them masked: the path stays readable, the token is cut to its last four characters.

const TOKEN_PATH = /(\/(?:reset-password|invitation|consultation\/manage|search-heroes\/(?:confirm|unsubscribe|preferences))\/|\/consultation\?offer=)([A-Za-z0-9_-]+)/g;

/** The text with every token in a link's path replaced by "…" and its last four characters. */
export function maskMailTokens(text: string): string {
	return text.replace(TOKEN_PATH, (_, path: string, token: string) => `${path}…${token.length > 8 ? token.slice(-4) : ''}`);
}
