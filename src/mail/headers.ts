// Header safety for mail built from visitor input. Addresses are validated
// (zod's e-mail rule allows no spaces or newlines) and display names and
// subjects lose every control character, so no visitor text can start a new
// header line. nodemailer encodes what remains.
import { z } from 'zod';

export const EmailAddress = z.email({ error: 'email must be a valid e-mail address' }).max(254, 'email is too long');

/** One header-safe line: control characters and line/paragraph separators become spaces. */
export function headerText(s: string, max = 200): string {
  const line = s
    .replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** True when the address is safe to put in a header (valid, no control characters). */
export function isSafeAddress(address: string): boolean {
  return EmailAddress.safeParse(address).success && !/[\u0000-\u001F\u007F]/.test(address);
}
