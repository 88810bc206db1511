// Turns a nodemailer error into what the Log needs: is it worth retrying,
// what exactly did the server say, and one plain line for the operator.
// Error shapes follow nodemailer's lib/errors.js and lib/smtp-connection:
// `code` is nodemailer's (ECONNECTION, EAUTH, …), `originalCode` or `cause`
// keeps the system/TLS code (ECONNREFUSED, CERT_HAS_EXPIRED, …),
// `response`/`responseCode` carry the server reply, `command` the SMTP verb.
import { hostPort, oneLine, say } from './diagnosis.js';
import { redactAuthPayloads } from './redact.js';

export type FailureKind = 'temporary' | 'permanent' | 'config';

export interface SmtpFailure {
  /** temporary → defer; permanent → failed now; config → defer, shown loudly (settings problem). */
  kind: FailureKind;
  /** The server's reply code, e.g. 550; null when no reply was involved. */
  smtpCode: number | null;
  /** The server's exact reply text, or the technical error text when no server replied. */
  response: string;
  /** nodemailer's code (ECONNECTION, EENVELOPE, …) or the system code; 'EUNKNOWN' if none. */
  errorCode: string;
  /** One line in plain words, with host:port and what to do. */
  diagnosis: string;
}

export interface ClassifyContext {
  host: string;
  port: number;
  user: string;
  /** Settings' security mode, used only to sharpen hints. */
  security?: string;
}

interface ErrorFields {
  code: string;
  codes: string[];
  message: string;
  response: string;
  responseCode: number | null;
  command: string;
  timeoutType: string;
}

const CERT_SELF_SIGNED = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN']);
const CERT_UNKNOWN_ISSUER = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED', 'CERT_SIGNATURE_FAILURE', 'CERT_CHAIN_TOO_LONG', 'CERT_REJECTED',
]);
const CERT_MISMATCH = new Set(['ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH']);
const CERT_EXPIRED = new Set(['CERT_HAS_EXPIRED']);
const CERT_NOT_YET = new Set(['CERT_NOT_YET_VALID']);

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function fieldsOf(err: unknown): ErrorFields {
  const e = (err && typeof err === 'object' ? err : { message: String(err ?? 'unknown error') }) as Record<string, unknown>;
  const codes: string[] = [];
  // Walk the cause chain a little: Node's TLS errors are sometimes wrapped.
  let cur: Record<string, unknown> | undefined = e;
  for (let depth = 0; cur && depth < 4; depth++) {
    for (const k of ['code', 'originalCode']) {
      const c = str(cur[k]);
      if (c && !codes.includes(c)) codes.push(c);
    }
    cur = cur.cause && typeof cur.cause === 'object' ? (cur.cause as Record<string, unknown>) : undefined;
  }
  let responseCode = typeof e.responseCode === 'number' && e.responseCode > 0 ? e.responseCode : null;
  let response = str(e.response);
  let command = str(e.command);
  // "all recipients were rejected": the interesting reply is the recipient's own.
  const rejected = Array.isArray(e.rejectedErrors) ? (e.rejectedErrors as Record<string, unknown>[]) : [];
  if (rejected.length && rejected[0]) {
    const first = rejected[0];
    if (typeof first.responseCode === 'number') responseCode = first.responseCode;
    if (str(first.response)) response = str(first.response);
    if (str(first.command)) command = str(first.command);
  }
  if (responseCode === null && /^[2-5]\d\d\b/.test(response)) responseCode = Number(response.slice(0, 3));
  return {
    code: str(e.code),
    codes,
    message: str(e.message) || String(err),
    response: response.trim(),
    responseCode,
    command: command.toUpperCase(),
    timeoutType: str(e.timeoutType),
  };
}

/** Server reply on one line, without anything that looks like an AUTH payload. */
function replyText(f: ErrorFields): string {
  return oneLine(redactAuthPayloads(f.response));
}

function has(f: ErrorFields, set: Set<string>): boolean {
  return f.codes.some((c) => set.has(c));
}

/** A certificate problem, found by code (err.code/originalCode/cause) or, for STARTTLS upgrades that keep only the text, by message. */
function certificateDiagnosis(f: ErrorFields, ctx: ClassifyContext, hp: string): string | null {
  const m = f.message.toLowerCase();
  if (has(f, CERT_SELF_SIGNED) || /self[- ]signed certificate/.test(m)) return say.selfSigned(hp);
  if (has(f, CERT_MISMATCH) || /hostname\/ip does not match|altnames|host name mismatch/.test(m)) return say.hostnameMismatch(hp, ctx.host);
  if (has(f, CERT_EXPIRED) || /certificate has expired/.test(m)) return say.expired(hp);
  if (has(f, CERT_NOT_YET) || /certificate is not yet valid/.test(m)) return say.notYetValid(hp);
  if (has(f, CERT_UNKNOWN_ISSUER) || /unable to (?:verify|get) (?:the first|local issuer|issuer)|certificate chain|untrusted/.test(m)) {
    return say.unknownIssuer(hp);
  }
  return null;
}

function isWrongTlsMode(f: ErrorFields): boolean {
  return (
    f.codes.includes('ERR_SSL_WRONG_VERSION_NUMBER') ||
    /wrong version number|packet length too long|unknown protocol|http request/i.test(f.message)
  );
}

const AUTH_REQUIRED = /authentication required|must authenticate|auth(?:entication)? (?:is )?needed|please authenticate|not authenticated/i;
const RELAY_DENIED = /relay(?:ing)? (?:access )?(?:denied|not permitted|not allowed|prohibited)|not permitted to relay|unable to relay/i;

/** Decide from the server's reply code (and the command it answered). */
function fromReply(f: ErrorFields, ctx: ClassifyContext, hp: string): SmtpFailure {
  const code = f.responseCode!;
  const reply = replyText(f) || String(code);
  const errorCode = f.code || 'EPROTOCOL';
  // response keeps the server's exact text (multi-line replies included); the diagnosis gets one line.
  const base = { smtpCode: code, response: redactAuthPayloads(f.response), errorCode };
  // 503 (bad sequence) is a session problem, not the message's: retry (as nodemailer's isPermanentResponseCode).
  const permanent = code >= 500 && code !== 503;
  if (code === 530 || (code >= 500 && AUTH_REQUIRED.test(f.response))) {
    return { ...base, kind: 'config', diagnosis: say.authRequired(hp, reply) };
  }
  if (code >= 500 && RELAY_DENIED.test(f.response)) {
    return { ...base, kind: 'config', diagnosis: say.relayDenied(hp, reply) };
  }
  if (code === 552 || (code >= 500 && /message (?:size|too (?:big|large))|size exceeds|too large/i.test(f.response))) {
    return { ...base, kind: 'permanent', diagnosis: say.tooLarge(hp, reply) };
  }
  if (f.code === 'EAUTH' || f.command.startsWith('AUTH')) {
    return { ...base, kind: 'config', diagnosis: say.loginRejected(hp, ctx.user, reply) };
  }
  if (f.command === 'STARTTLS' || f.code === 'ETLS') {
    return { ...base, kind: 'config', diagnosis: say.noStarttls(hp, reply) };
  }
  const kind = permanent ? 'permanent' : 'temporary';
  if (code < 400) {
    return { ...base, kind: 'temporary', diagnosis: say.badProtocol(hp, reply) };
  }
  if (f.command === 'RCPT TO') return { ...base, kind, diagnosis: say.recipientRejected(reply, permanent) };
  if (f.command === 'MAIL FROM') return { ...base, kind, diagnosis: say.senderRejected(reply, permanent) };
  if (f.command === 'DATA' || f.code === 'EMESSAGE') return { ...base, kind, diagnosis: say.messageRejected(reply, permanent) };
  return { ...base, kind, diagnosis: permanent ? say.permanentReply(reply) : say.temporaryReply(reply) };
}

/**
 * Classifies a delivery failure. Never sees the password (ctx has none) and
 * strips anything that looks like an AUTH payload from the texts it returns.
 */
export function classifySmtpError(err: unknown, ctx: ClassifyContext): SmtpFailure {
  const f = fieldsOf(err);
  const hp = hostPort(ctx.host, ctx.port);
  const technical = oneLine(redactAuthPayloads(f.message));
  const errorCode = f.code || f.codes[0] || 'EUNKNOWN';
  const noReply = (kind: FailureKind, diagnosis: string, code = errorCode): SmtpFailure => ({
    kind, smtpCode: null, response: technical, errorCode: code, diagnosis,
  });

  // Certificates first: they arrive as ESOCKET (implicit TLS) or ETLS (STARTTLS).
  const cert = certificateDiagnosis(f, ctx, hp);
  if (cert) return noReply('config', cert, errorCode);

  if (f.codes.includes('ERR_ACCESS_DENIED')) return noReply('config', say.accessDenied(hp));

  // Verify with a User Name set, against a server that offered no AUTH (delivery's NO_AUTH_OFFERED).
  if (f.code === 'ENOAUTHOFFERED') return noReply('config', say.authNotOffered(hp));
  if (f.code === 'ENOAUTH' || (f.code === 'EAUTH' && /missing credentials/i.test(f.message))) {
    return noReply('config', say.loginMissing(hp));
  }
  if (f.code === 'EAUTH' && f.responseCode === null) {
    return noReply('config', say.loginRejected(hp, ctx.user, ''));
  }

  if (f.responseCode !== null) return fromReply(f, ctx, hp);

  if (f.code === 'ETLS' || f.codes.some((c) => c.startsWith('ERR_SSL') || c.startsWith('ERR_TLS'))) {
    if (f.timeoutType === 'UPGRADE_TIMEOUT') return noReply('temporary', say.upgradeTimeout(hp));
    if (isWrongTlsMode(f)) return noReply('config', say.wrongTlsMode(hp));
    return noReply('config', say.tlsFailed(hp, technical));
  }
  if (isWrongTlsMode(f) && f.codes.some((c) => c === 'ESOCKET' || c === 'ECONNECTION')) {
    return noReply('config', say.wrongTlsMode(hp));
  }

  if (f.code === 'EDNS' || f.codes.includes('ENOTFOUND') || f.codes.includes('EAI_AGAIN')) {
    if (f.codes.includes('EAI_AGAIN') || f.codes.includes('ETIMEOUT') || f.codes.includes('ESERVFAIL')) {
      return noReply('temporary', say.dnsTemporary(ctx.host));
    }
    return noReply('temporary', say.dnsNotFound(ctx.host));
  }

  if (f.code === 'ETIMEDOUT' || f.codes.includes('ETIMEDOUT') || f.timeoutType) {
    switch (f.timeoutType) {
      case 'GREETING_TIMEOUT':
        return noReply('temporary', say.greetingTimeout(hp, ctx.port, ctx.security));
      case 'UPGRADE_TIMEOUT':
        return noReply('temporary', say.upgradeTimeout(hp));
      case 'SOCKET_TIMEOUT':
        return noReply('temporary', say.socketTimeout(hp));
      default:
        if (/greeting/i.test(f.message)) return noReply('temporary', say.greetingTimeout(hp, ctx.port, ctx.security));
        return noReply('temporary', say.connectTimeout(hp));
    }
  }

  if (f.codes.includes('ECONNREFUSED')) return noReply('temporary', say.refused(hp));
  if (f.codes.includes('ECONNRESET') || f.codes.includes('EPIPE')) return noReply('temporary', say.reset(hp));
  if (f.codes.some((c) => c === 'EHOSTUNREACH' || c === 'ENETUNREACH' || c === 'EADDRNOTAVAIL')) {
    return noReply('temporary', say.unreachable(hp));
  }
  if (f.code === 'ECONNECTION' || f.code === 'ESOCKET') {
    if (/closed/i.test(f.message)) return noReply('temporary', say.closed(hp, ctx.port, ctx.security));
    return noReply('temporary', say.unknown(hp, technical));
  }

  if (f.code === 'EENVELOPE') {
    // Rejected by nodemailer before anything was sent: "Invalid recipient", "No recipients defined".
    return noReply('permanent', say.invalidAddress(technical));
  }
  if (f.code === 'EMESSAGE' && /larger than allowed/i.test(f.message)) {
    return noReply('permanent', say.tooLarge(hp, ''));
  }
  if (f.code === 'EPROTOCOL') return noReply('temporary', say.badProtocol(hp, technical));

  return noReply('temporary', say.unknown(hp, technical));
}
