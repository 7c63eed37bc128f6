// Structured logs. Paths are logged by route id, never with their parameters, so tokens in links stay out of logs.
import pino from 'pino';

export const log = pino({
	level: process.env.LOG_LEVEL || (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
	redact: { paths: ['password', '*.password', 'token', '*.token', 'cookie', '*.cookie'], censor: '[redacted]' }
});
