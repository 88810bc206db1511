// Colours, or none: with NO_COLOR set (https://no-color.org) no colour prop is
// passed to Ink at all. Components ask `useTheme().color('ok')`.
import React, { createContext, useContext } from 'react';

export type Tone = 'ok' | 'warn' | 'error' | 'accent' | 'muted' | 'selected';

const TONES: Record<Tone, string> = {
  ok: 'green',
  warn: 'yellow',
  error: 'red',
  accent: 'cyan',
  muted: 'gray',
  selected: 'magenta',
};

export interface Theme {
  colors: boolean;
  /** An Ink colour name, or undefined when colours are off. */
  color(tone: Tone): string | undefined;
}

export function makeTheme(colors: boolean): Theme {
  return { colors, color: (tone) => (colors ? TONES[tone] : undefined) };
}

/** NO_COLOR present and non-empty disables colours. */
export function colorsFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return !(env.NO_COLOR !== undefined && env.NO_COLOR !== '');
}

const ThemeContext = createContext<Theme>(makeTheme(colorsFromEnv()));

export function ThemeProvider({ colors, children }: { colors: boolean; children: React.ReactNode }) {
  return <ThemeContext.Provider value={makeTheme(colors)}>{children}</ThemeContext.Provider>;
}

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
