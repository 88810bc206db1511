// Header injection guard. A CR or LF inside a header value would let a caller
// start a new header (say "Bcc:") or end the header block early; a NUL breaks
// most MTAs. Every header value we write goes through here first.
import { ValidationError } from '../errors.js';

/** Throws ValidationError naming `field` when `value` holds CR, LF or NUL. */
export function assertHeaderSafe(value: string, field: string): void {
  if (/[\r\n]/.test(value)) {
    throw new ValidationError(`${field}: contains a line break (header injection is not allowed)`, field);
  }
  if (value.includes('\0')) {
    throw new ValidationError(`${field}: contains a NUL character (not allowed in a header)`, field);
  }
}

// RFC 5322 field-name: printable US-ASCII except the colon.
const HEADER_NAME = /^[\x21-\x39\x3b-\x7e]+$/;

/**
 * Headers the composer writes itself. Letting a custom header set them would
 * smuggle recipients past validation (To/Cc/Bcc) or break the MIME structure.
 */
const RESERVED_HEADERS = new Set([
  'from', 'to', 'cc', 'bcc', 'sender', 'subject', 'date', 'message-id',
  'mime-version', 'content-type', 'content-transfer-encoding',
  'resent-from', 'resent-to', 'resent-cc', 'resent-bcc', 'resent-date', 'resent-message-id',
]);

/**
 * Validates custom headers (name and value) and returns them as a plain
 * object. Reserved names are refused: they have their own fields.
 */
export function assertCustomHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  for (const [name, value] of Object.entries(headers)) {
    const field = `headers.${name}`;
    if (!HEADER_NAME.test(name)) {
      throw new ValidationError(
        `headers: ${JSON.stringify(name)} is not a valid header name (printable ASCII without spaces or ":")`,
        'headers',
      );
    }
    if (RESERVED_HEADERS.has(name.toLowerCase())) {
      throw new ValidationError(
        `headers: ${name} cannot be set as a custom header; use the ${name.toLowerCase()} field instead`,
        'headers',
      );
    }
    if (typeof value !== 'string') {
      throw new ValidationError(`${field}: must be a string`, 'headers');
    }
    assertHeaderSafe(value, field);
    out[name] = value;
  }
  return out;
}
