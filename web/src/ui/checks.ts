/** Checks a form runs before sending, with the limits the graph enforces (the server checks again). */

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkEmail(value: string): string | undefined {
  if (!value.trim()) return 'Enter your email address';
  if (value.length > 254 || !EMAIL.test(value.trim())) return 'Enter a valid email address';
  return undefined;
}

export function checkPassword(value: string): string | undefined {
  if (value.length < 8) return 'At least 8 characters';
  if (value.length > 256) return 'At most 256 characters';
  return undefined;
}

export function checkName(value: string, what: string, max: number): string | undefined {
  if (!value.trim()) return `Enter ${what}`;
  if (value.trim().length > max) return `At most ${max} characters`;
  return undefined;
}

/** The checks that failed, by field; empty when the form may be sent. */
export function failedChecks(checks: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(checks).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
