// The default-sender precedence of DESIGN.md: procedure → template → desk →
// Settings default. We record which rule won so the Log can show *why*.
import { ValidationError } from '../errors.js';
import type { FromSource } from '../types.js';
import { formatMailbox, parseMailbox } from './address.js';

export interface SenderCandidates {
  /** 1. The From given by the producer (--from, a procedure's Send Email step). */
  procedure?: string | null;
  /** 2. The From of the linked message template. */
  template?: string | null;
  /** 3. The Reply address of the email reader linked to the service desk. */
  desk?: string | null;
  /** 4. Default Sender Email from Settings ('' when unset). */
  fallback?: string | null;
}

export interface ChosenSender {
  /** Bare address (for the envelope and the Log's From column). */
  address: string;
  /** The mailbox as given, display name kept ("Ops <ops@x>"), for the From header. */
  header: string;
  source: FromSource;
}

// Field names used in errors: each says where the bad value lives, so the
// operator knows what to fix.
const STEPS: { key: keyof SenderCandidates; source: FromSource; field: string }[] = [
  { key: 'procedure', source: 'procedure', field: 'from' },
  { key: 'template', source: 'template', field: 'template from' },
  { key: 'desk', source: 'desk', field: 'desk reply address' },
  { key: 'fallback', source: 'default', field: 'defaultSender' },
];

/**
 * First non-blank candidate wins; it must be one valid address (an invalid one
 * is an error, not skipped: a misconfigured template should be noticed).
 */
export function chooseSender(candidates: SenderCandidates): ChosenSender {
  for (const step of STEPS) {
    const value = candidates[step.key];
    if (value == null || !String(value).trim()) continue;
    const mailbox = parseMailbox(String(value).trim(), step.field);
    return { address: mailbox.address, header: formatMailbox(mailbox), source: step.source };
  }
  throw new ValidationError(
    'no sender: set a Default Sender Email (outbound settings set defaultSender=ADDRESS) or give a From address',
    'from',
  );
}
