// A redactor bound to one password: the needles (the password and its base64
// forms) are computed once, and text that contains none of them and no AUTH
// exchange is returned as is — a "250 Ok" per message costs one scan, not a
// rebuild of every base64 form.
import { base64Forms, redactTranscript } from '../mail/index.js';

export function makeRedactor(password: string): (text: string) => string {
  const needles = password ? [password, ...base64Forms(password)] : [];
  return (text: string) => {
    if (!text) return text;
    if (!/AUTH|334/i.test(text) && !needles.some((n) => text.includes(n))) return text;
    return redactTranscript(text, [password]);
  };
}
