// RFC 2047 encoded-word decoding ("=?UTF-8?Q?J=C3=BCrgen?="), for display only.
// Small and synchronous on purpose: mailparser's decoder is reachable only
// through its async parser, and sendmail -t needs just a few header values.

const ENCODED_WORD = /=\?([^?\s]+)\?([QqBb])\?([^?\s]*)\?=/g;

function bytesOfQ(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '_') bytes.push(0x20);
    else if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(c.charCodeAt(0) & 0xff);
  }
  return Buffer.from(bytes);
}

function decodeBytes(bytes: Buffer, charset: string): string {
  const label = charset.split('*')[0]!.toLowerCase(); // drop an RFC 2231 language tag
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return bytes.toString('latin1'); // unknown charset: show the bytes rather than fail
  }
}

/** Decodes every encoded word in a header value; whitespace between adjacent encoded words is dropped (RFC 2047 §6.2). */
export function decodeWords(value: string): string {
  if (!value.includes('=?')) return value;
  // Join adjacent encoded words first, so a multi-byte character split across two words decodes whole.
  const joined = value.replace(/(\?=)\s+(?==\?)/g, '$1');
  let out = '';
  let last = 0;
  // Consecutive words in one charset are decoded together (a character may span two words).
  let charset = '';
  let bytes: Buffer[] = [];
  const flush = () => {
    if (bytes.length) out += decodeBytes(Buffer.concat(bytes), charset);
    bytes = [];
  };
  for (const m of joined.matchAll(ENCODED_WORD)) {
    const [whole, wordCharset = '', enc = '', text = ''] = m;
    const start = m.index ?? 0;
    if (start > last) {
      flush();
      out += joined.slice(last, start);
    }
    if (wordCharset.toLowerCase() !== charset.toLowerCase()) flush();
    charset = wordCharset;
    bytes.push(enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : bytesOfQ(text));
    last = start + whole.length;
  }
  flush();
  return out + joined.slice(last);
}
