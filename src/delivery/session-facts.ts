// What one captured SMTP conversation established: was it encrypted, did the
// server offer AUTH, did we log in. nodemailer's verify() and sendMail() succeed
// without logging in when the server offers no AUTH (even with a user set), so
// Test and Verify read these facts from the conversation instead of assuming.

export interface SessionFacts {
  /** Implicit TLS, or a successful STARTTLS upgrade. */
  tls: boolean;
  /** The last EHLO reply listed an AUTH extension. */
  authOffered: boolean;
  /** nodemailer reported a successful login. */
  loggedIn: boolean;
}

export function emptySessionFacts(): SessionFacts {
  return { tls: false, authOffered: false, loggedIn: false };
}

/**
 * Updates `facts` from one transcript line as captured ("C: …", "S: …" or "* …",
 * before redaction). The "* " lines are nodemailer's own log messages.
 */
export function observeSessionLine(facts: SessionFacts, line: string): void {
  if (/^C: (?:EHLO|HELO|LHLO)\b/i.test(line)) facts.authOffered = false; // a new greeting (after STARTTLS) replaces the old one
  else if (/^S: 250[ -]AUTH[ =]/i.test(line)) facts.authOffered = true;
  else if (/^\* (?:Secure connection established to|Connection upgraded with STARTTLS)/.test(line)) facts.tls = true;
  else if (/^\* User .* authenticated$/.test(line) && !/failed to authenticate$/.test(line)) facts.loggedIn = true;
}
