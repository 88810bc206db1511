// Keeps the SMTP password (and anything that encodes it) out of transcripts,
// error texts and logs. Applied to everything we store or print that came
// from an SMTP conversation.

const REDACTED = '[redacted]';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The base64 texts a secret can show up as inside a larger base64 payload
 * (AUTH PLAIN encodes "\0user\0password", so the secret starts at an arbitrary
 * byte offset). For each of the 3 alignments keep only the characters that
 * depend on the secret's bytes alone.
 */
export function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms = new Set<string>();
  forms.add(bytes.toString('base64'));
  forms.add(bytes.toString('base64').replace(/=+$/, ''));
  for (let k = 0; k < 3; k++) {
    const enc = Buffer.concat([Buffer.alloc(k), bytes]).toString('base64').replace(/=+$/, '');
    const start = Math.ceil((8 * k) / 6);
    const end = Math.floor((8 * (k + bytes.length)) / 6);
    const pure = enc.slice(start, end);
    if (pure.length >= 4) forms.add(pure);
  }
  for (const f of [...forms]) forms.add(f.replace(/\+/g, '-').replace(/\//g, '_')); // base64url
  return [...forms].filter((f) => f.length >= 4).sort((a, b) => b.length - a.length);
}

// "AUTH PLAIN <payload>", "AUTH LOGIN <payload>", "AUTH XOAUTH2 <token>" …
const AUTH_WITH_PAYLOAD = /\b(AUTH\s+(?:PLAIN|LOGIN|XOAUTH2|OAUTHBEARER|CRAM-MD5))[ \t]+(?!\[redacted\])\S+/gi;
// On server lines "250-AUTH LOGIN PLAIN" lists mechanisms: only a token that
// looks like base64 (not an upper-case mechanism name) is a payload there.
const AUTH_WITH_BASE64 = /\b(AUTH\s+(?:PLAIN|LOGIN|XOAUTH2|OAUTHBEARER|CRAM-MD5))[ \t]+(?![A-Z0-9_-]+(?:\s|$))[A-Za-z0-9+/_-]{4,}={0,2}(?=\s|$)/g;
// Line shapes seen in transcripts: "S: 334 …", "C: …", "* note", and bare replies.
const SERVER_LINE = /^\s*(?:(?:\[?(?:S|server)\]?[:>]?|<)\s*)?\d{3}(?:[ -]|$)/i;
const CHALLENGE = /^\s*(?:(?:\[?(?:S|server)\]?[:>]?|<)\s*)?334(?:[ -]|$)/i;
const NOTE_LINE = /^\s*(?:\*|#|\[(?:info|debug|note)\])\s/i;
const CLIENT_PREFIX = /^(\s*(?:(?:\[?(?:C|client)\]?[:>]?|>)\s*)?)/i;

/**
 * Redacts AUTH PLAIN/LOGIN payloads: the argument of an AUTH command and the
 * client line answering each 334 challenge (notes in between are skipped).
 */
export function redactAuthPayloads(text: string): string {
  const lines = text.split(/(\r?\n)/);
  let afterChallenge = false;
  for (let i = 0; i < lines.length; i += 2) {
    const line = lines[i]!;
    if (!line.trim() || NOTE_LINE.test(line)) continue;
    if (SERVER_LINE.test(line)) {
      afterChallenge = CHALLENGE.test(line);
      lines[i] = line.replace(AUTH_WITH_BASE64, `$1 ${REDACTED}`);
      continue;
    }
    if (afterChallenge) {
      afterChallenge = false;
      const prefix = CLIENT_PREFIX.exec(line)?.[1] ?? '';
      lines[i] = prefix + REDACTED;
      continue;
    }
    lines[i] = line.replace(AUTH_WITH_PAYLOAD, `$1 ${REDACTED}`);
  }
  return lines.join('');
}

/**
 * Replaces each secret, its base64 forms and AUTH PLAIN/LOGIN payload lines
 * with "[redacted]". Empty secrets are ignored.
 */
export function redactTranscript(text: string, secrets: readonly (string | null | undefined)[] = []): string {
  let out = redactAuthPayloads(String(text ?? ''));
  const needles = new Set<string>();
  for (const s of secrets) {
    if (!s) continue;
    needles.add(s);
    for (const f of base64Forms(s)) needles.add(f);
  }
  // Longest first, so a shorter form never leaves a tail of a longer one.
  for (const needle of [...needles].sort((a, b) => b.length - a.length)) {
    out = out.replace(new RegExp(escapeRegExp(needle), 'g'), REDACTED);
  }
  return out;
}
