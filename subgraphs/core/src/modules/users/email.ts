const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An account's email address: something@host.tld, at most 254 characters (RFC 5321's path limit). */
export function isEmailAddress(email: string): boolean {
  return email.length <= 254 && EMAIL.test(email);
}
