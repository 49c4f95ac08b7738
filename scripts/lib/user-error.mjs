/**
 * An error whose message is meant for the person at the terminal: entry points print only its
 * message (one line, no stack) and exit 1. Anything else is a bug and keeps its stack.
 */
export class UserError extends Error {}

/** Prints an error the way entry points should: one line for UserError, the stack otherwise. */
export function reportFatal(error) {
  if (error instanceof UserError) console.error(error.message);
  else console.error(error);
}
