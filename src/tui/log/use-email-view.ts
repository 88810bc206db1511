// State of the email view: the email (read once when opened), its body
// decoded by mailparser in the background, raw/summary toggle and the scroll
// position over the wrapped lines.
import { useEffect, useMemo, useState } from 'react';
import { simpleParser } from 'mailparser';
import type { EmailDetail, Outbound } from '../../types.js';
import { rawLines, summaryLines, type ViewBody } from './email-view-lines.js';

/** HTML as readable text, for a message without a text part (mailparser usually does this itself). */
export function stripHtml(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div|tr|li|h\d)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n');
}

export async function decodeBody(raw: Buffer): Promise<string> {
  const parsed = await simpleParser(raw, { skipImageLinks: true });
  if (parsed.text && parsed.text.trim()) return parsed.text;
  if (typeof parsed.html === 'string' && parsed.html) return stripHtml(parsed.html);
  return '';
}

export interface EmailViewState {
  email: EmailDetail | undefined;
  error: string | undefined;
  raw: boolean;
  lines: string[];
  top: number;
  height: number;
}

export interface EmailViewApi {
  state: EmailViewState;
  toggleRaw(): void;
  scroll(delta: number): void;
  toTop(): void;
  toBottom(): void;
}

export function useEmailView(outbound: Outbound, id: number, width: number, height: number): EmailViewApi {
  const [loaded] = useState<{ email?: EmailDetail; error?: string }>(() => {
    try {
      const email = outbound.getEmail(id);
      return email ? { email } : { error: `Email ${id} no longer exists (deleted or purged)` };
    } catch (err) {
      return { error: err instanceof Error ? err.message : String(err) };
    }
  });
  const [body, setBody] = useState<ViewBody>({});
  const [raw, setRaw] = useState(false);
  const [top, setTop] = useState(0);

  useEffect(() => {
    if (!loaded.email) return;
    let live = true;
    decodeBody(loaded.email.raw).then(
      (text) => live && setBody({ text }),
      (err: unknown) => live && setBody({ error: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      live = false;
    };
  }, [loaded.email]);

  const lines = useMemo(() => {
    if (!loaded.email) return [loaded.error ?? ''];
    return raw ? rawLines(loaded.email.raw, width, loaded.email.id) : summaryLines(loaded.email, body, width);
  }, [loaded, body, raw, width]);

  const maxTop = Math.max(0, lines.length - height);
  const clampTop = (t: number) => Math.max(0, Math.min(maxTop, t));
  return {
    state: { email: loaded.email, error: loaded.error, raw, lines, top: clampTop(top), height },
    toggleRaw: () => {
      setRaw((r) => !r);
      setTop(0);
    },
    scroll: (delta) => setTop((t) => clampTop(clampTop(t) + delta)),
    toTop: () => setTop(0),
    toBottom: () => setTop(maxTop),
  };
}
