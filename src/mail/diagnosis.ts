// One-line, plain-language explanations of delivery failures. Each names the
// host:port and says what to do. Kept apart from classify.ts so the wording
// can be read (and reviewed) in one place.

/** "host:port", with brackets for an IPv6 literal. */
export function hostPort(host: string, port: number): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Collapses a (possibly multi-line) server reply into one line. */
export function oneLine(text: string): string {
  return text.replace(/[\r\n\t\0]+/g, ' ').replace(/\s{2,}/g, ' ').trim();
}

const SECURITY_HINT_465 = 'port 465 expects implicit TLS: set Security to tls';

export const say = {
  refused: (hp: string) => `Connection refused by ${hp}: no SMTP server is listening there — check Host Name and Port`,
  reset: (hp: string) => `The connection to ${hp} was reset: the server or a firewall dropped it; the message will be retried`,
  closed: (hp: string, port: number, security?: string) =>
    port === 465 && security !== 'tls'
      ? `${hp} closed the connection before the SMTP greeting: ${SECURITY_HINT_465}`
      : `${hp} closed the connection unexpectedly: the server may be overloaded or refusing this machine; the message will be retried`,
  unreachable: (hp: string) => `${hp} cannot be reached from this machine (no route to host): check Host Name, the network and the firewall`,
  connectTimeout: (hp: string) =>
    `No answer from ${hp} in time: the host is down or a firewall drops the traffic — check Host Name and Port`,
  greetingTimeout: (hp: string, port: number, security?: string) =>
    port === 465 && security !== 'tls'
      ? `${hp} accepted the connection but sent no SMTP greeting: ${SECURITY_HINT_465}`
      : `${hp} accepted the connection but never sent the SMTP greeting: it may not be an SMTP server, or it expects TLS (Security tls, usually port 465)`,
  upgradeTimeout: (hp: string) => `The TLS handshake with ${hp} timed out: check Security and Port in Settings; the message will be retried`,
  socketTimeout: (hp: string) => `${hp} stopped answering in the middle of the conversation: the message will be retried`,
  dnsNotFound: (host: string) => `The host name "${host}" could not be found (DNS): check Host Name in Settings`,
  dnsTemporary: (host: string) => `Looking up "${host}" failed for now (DNS): check this machine's DNS resolver; the message will be retried`,
  selfSigned: (hp: string) =>
    `The certificate of ${hp} is self-signed and not trusted: install a trusted certificate on the server, or turn off Verify Certificates in Settings if you trust this network`,
  unknownIssuer: (hp: string) =>
    `The certificate of ${hp} is signed by an unknown authority: install the full certificate chain on the server, or turn off Verify Certificates in Settings`,
  hostnameMismatch: (hp: string, host: string) =>
    `The certificate of ${hp} is not valid for the name "${host}": use the host name the certificate was issued for in Host Name, or turn off Verify Certificates in Settings`,
  expired: (hp: string) =>
    `The certificate of ${hp} has expired: renew it on the server, or turn off Verify Certificates in Settings`,
  notYetValid: (hp: string) =>
    `The certificate of ${hp} is not valid yet: check the clocks of this machine and the server`,
  wrongTlsMode: (hp: string) =>
    `${hp} does not speak TLS from the first byte: set Security to starttls (ports 25/587), or use port 465 with Security tls`,
  noStarttls: (hp: string, reply: string) =>
    `${hp} refused STARTTLS${reply ? ` (${reply})` : ''}: set Security to starttls or none, or use a server that supports TLS`,
  tlsFailed: (hp: string, detail: string) =>
    `The TLS connection to ${hp} failed (${detail}): check Security and Port in Settings`,
  loginRejected: (hp: string, user: string, reply: string) =>
    `${hp}: the server rejected the login for ${user ? `user "${user}"` : 'an empty User Name'}${reply ? ` (${reply})` : ''}: check User Name and Password in Settings`,
  authNotOffered: (hp: string) =>
    `${hp} offered no AUTH: the User Name and Password were not used (the server may only relay for trusted hosts; clear User Name if that is intended)`,
  loginMissing: (hp: string) =>
    `${hp} requires a login but no User Name or Password is set: set them in Settings (or OUTBOUND_SMTP_PASSWORD)`,
  authRequired: (hp: string, reply: string) =>
    `The server said ${reply}: ${hp} requires a login before it relays mail — set User Name and Password in Settings`,
  relayDenied: (hp: string, reply: string) =>
    `The server said ${reply}: ${hp} does not relay mail for this machine — set User Name and Password, or allow this machine on the relay`,
  recipientRejected: (reply: string, permanent: boolean) =>
    `The server said ${reply}: ${permanent ? 'the recipient address was rejected; the message will not be retried' : 'the recipient was refused for now; the message will be retried'}`,
  senderRejected: (reply: string, permanent: boolean) =>
    `The server said ${reply}: ${permanent ? 'the sender (From) address was refused; check the From address or Default Sender Email — the message will not be retried' : 'the sender was refused for now; the message will be retried'}`,
  messageRejected: (reply: string, permanent: boolean) =>
    `The server said ${reply}: ${permanent ? 'the message itself was rejected; it will not be retried' : 'the message was refused for now; it will be retried'}`,
  tooLarge: (hp: string, reply: string) =>
    `${reply ? `The server said ${reply}: ` : ''}the message is larger than ${hp} accepts; it will not be retried`,
  temporaryReply: (reply: string) => `The server said ${reply}: a temporary refusal; the message will be retried`,
  permanentReply: (reply: string) => `The server said ${reply}: a permanent refusal; the message will not be retried`,
  badProtocol: (hp: string, detail: string) =>
    `${hp} answered with something that is not valid SMTP (${detail}): check that Host Name and Port point to an SMTP server`,
  invalidAddress: (detail: string) => `${detail}: the address is not valid; the message will not be retried`,
  accessDenied: (hp: string) =>
    `Node.js was not allowed to open a network connection to ${hp} (permission model): start outbound with --allow-net`,
  unknown: (hp: string, detail: string) => `Sending through ${hp} failed (${detail}); the message will be retried`,
};
