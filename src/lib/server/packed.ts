// JSON text made once per owner, a cached read that lives as long as its version (a map read, say): every request
// for that version sends the same text, made once, and the text goes when the read does.
const made = new WeakMap<object, Map<string, string>>();

/** `make()`'s value as JSON, made once for `owner` and `key`. */
export function jsonOnce(owner: object, key: string, make: () => unknown): string {
	let texts = made.get(owner);
	if (!texts) made.set(owner, (texts = new Map()));
	let text = texts.get(key);
	if (text === undefined) texts.set(key, (text = JSON.stringify(make())));
	return text;
}
