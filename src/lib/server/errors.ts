// The errors a verb throws for a route to turn into a response the user understands.

/** Input that passed the schema but breaks a rule only the server can check: field name -> message. */
export class InputError extends Error {
	constructor(public errors: Record<string, string>) {
		super(Object.values(errors).join(' '));
	}
}

/** The row changed since the user read it: the save is refused, never silently applied. */
export class ConflictError extends Error {
	constructor(message = 'Someone else changed this while you were editing. Review the current version and try again.') {
		super(message);
	}
}

/** Missing, or not the actor's to see: the same answer either way. */
export class NotFoundError extends Error {
	constructor(message = 'Not found') {
		super(message);
	}
}
