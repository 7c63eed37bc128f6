// Structured logs. Paths are logged by route id, never with their parameters, so tokens in links stay out of logs.
import pino from 'pino';

// Drizzle's query errors carry the query's parameters (hashes, personal details) in their message and fields.
const PARAMS = /\nparams: [\s\S]*?(?=\n\s+at |$)/;

/** pino's error serializer, minus anything that could hold a query's parameters. */
export function safeError(err: unknown) {
	const out = pino.stdSerializers.err(err as Error) as Record<string, unknown>;
	delete out.params;
	delete out.query;
	for (const field of ['message', 'stack'] as const) {
		if (typeof out[field] === 'string') out[field] = (out[field] as string).replace(PARAMS, '\nparams: [redacted]');
	}
	// The database's own error code says what went wrong without saying with what data.
	const code = (err as { cause?: { code?: unknown } })?.cause?.code;
	if (code) out.causeCode = code;
	return out;
}

export const log = pino({
	level: process.env.LOG_LEVEL || (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
	serializers: { err: safeError },
	redact: { paths: ['password', '*.password', 'token', '*.token', 'cookie', '*.cookie'], censor: '[redacted]' }
});
