// The one keyboard dispatcher of the console. It owns the app's only
// `useInput`; components register key layers (useKeyLayer) and each key goes
// to the highest-priority active layer that handles it: a mode stack of
// dialog > prompt/form > overlay > table > global.
import React, { createContext, useCallback, useContext, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useInput, useStdin, type Key } from 'ink';
import { KEYMAP, type Binding, type Command } from '../keymap.js';
import { matchKey } from './match-key.js';
import { isPlainChunk, isPrintableKey, rawOf, splitChunk } from './split-keys.js';

export const PRIORITY = {
  global: 0,
  tab: 10,
  table: 20,
  overlay: 30, // email view, column chooser, help
  form: 50,
  prompt: 50,
  dialog: 100,
} as const;

export type KeyHandlers = Partial<Record<Command, () => void>>;

export interface KeyLayerOptions {
  /** Unique per mounted layer. */
  id: string;
  priority: number;
  /** Inactive layers are skipped entirely (default true). */
  active?: boolean;
  handlers: KeyHandlers;
  /** Gets keys no handler of this layer matched; return true to consume. */
  onText?: (input: string, key: Key) => boolean;
  /**
   * Consume every key that reaches this layer, so nothing below fires (a
   * focused text field, a dialog). Its own handlers still run first.
   */
  captureAll?: boolean;
  /**
   * A focused text field: while this layer is on top, a run of printable
   * characters from a pasted or fast-typed chunk reaches onText as one string
   * (one edit, one render) instead of key by key.
   */
  acceptsText?: boolean;
}

interface Layer {
  seq: number;
  options: React.MutableRefObject<KeyLayerOptions>;
}

interface DispatcherApi {
  register(id: string, options: React.MutableRefObject<KeyLayerOptions>): () => void;
  changed(): void;
  /** Commands that a key would reach right now, in layer order (for the footer). */
  reachable(): Command[];
  /** The key event being dispatched right now (text fields use it to ignore Ctrl-letters). */
  currentKey(): { input: string; key: Key } | undefined;
  version: number;
}

const DispatcherContext = createContext<DispatcherApi | undefined>(undefined);

const bindingsByCommand = new Map<Command, Binding>(KEYMAP.map((b) => [b.command, b]));

function orderedLayers(layers: Map<string, Layer>): KeyLayerOptions[] {
  return [...layers.values()]
    .filter((l) => l.options.current.active !== false)
    // Highest priority first; at equal priority the most recently mounted wins.
    .sort((a, b) => b.options.current.priority - a.options.current.priority || b.seq - a.seq)
    .map((l) => l.options.current);
}

/** Routes one key through the layers; returns the command run, if any. */
export function dispatchKey(layers: KeyLayerOptions[], input: string, key: Key): Command | 'text' | undefined {
  for (const layer of layers) {
    for (const [command, handler] of Object.entries(layer.handlers) as [Command, (() => void) | undefined][]) {
      const binding = bindingsByCommand.get(command);
      if (handler && binding && matchKey(binding, input, key)) {
        handler();
        return command;
      }
    }
    if (layer.onText?.(input, key)) return 'text';
    if (layer.captureAll) return undefined;
  }
  return undefined;
}

const PLAIN_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false,
  home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false,
  backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false,
};

/**
 * True when this queued key is a printable character that would be typed
 * into a focused text field: no layer above the field binds it or takes it.
 */
export function reachesTextField(layers: KeyLayerOptions[], raw: string): boolean {
  if (!isPrintableKey(raw)) return false;
  for (const layer of layers) {
    if (layer.acceptsText) return true;
    if (layer.onText || layer.captureAll) return false;
    for (const [command, handler] of Object.entries(layer.handlers) as [Command, (() => void) | undefined][]) {
      const binding = bindingsByCommand.get(command);
      if (handler && binding && matchKey(binding, raw, PLAIN_KEY)) return false;
    }
  }
  return false;
}

export function KeyDispatcherProvider({ children }: { children: React.ReactNode }) {
  const layersRef = useRef(new Map<string, Layer>());
  const seqRef = useRef(0);
  const currentRef = useRef<{ input: string; key: Key } | undefined>(undefined);
  const [version, setVersion] = useState(0);
  const { isRawModeSupported, internal_eventEmitter: inkInput } = useStdin();

  // Keys of a multi-key chunk are fed back to Ink one at a time, each only
  // after React has committed what the previous key changed: the provider
  // bumps its own `fed` state in the same batch as the key's handler, and its
  // layout effect (which runs after that commit, children's effects first)
  // feeds the next key. So Tab moves focus, then "a" reaches the new field.
  // Text is the exception: once a text field is on top, the printable
  // characters that follow go to it in one piece ("/status:queued" is `/`,
  // then "status:queued"), so a paste is one edit and one frame, never a
  // trickle of half-typed values (each re-validated and redrawn).
  const pendingRef = useRef<string[]>([]);
  const feedingRef = useRef(false);
  const refeedRef = useRef(false);
  const [fed, setFed] = useState(0);
  const feedNext = useCallback(() => {
    const pending = pendingRef.current;
    let raw = pending.shift();
    if (raw === undefined) {
      feedingRef.current = false;
      return;
    }
    const layers = orderedLayers(layersRef.current);
    if (reachesTextField(layers, raw)) {
      while (pending.length > 0 && reachesTextField(layers, pending[0]!)) raw += pending.shift()!;
    }
    refeedRef.current = true;
    try {
      inkInput.emit('input', raw);
    } finally {
      refeedRef.current = false;
    }
  }, [inkInput]);
  useLayoutEffect(() => {
    if (!feedingRef.current) return;
    const t = setTimeout(feedNext, 0);
    return () => clearTimeout(t);
  }, [fed, feedNext]);

  // Stable identity: Ink re-subscribes when the handler changes.
  const onInput = useCallback((input: string, key: Key) => {
    if (!refeedRef.current && (feedingRef.current || isPlainChunk(input, key))) {
      // Keep the order: anything arriving while a chunk is fed waits its turn.
      pendingRef.current.push(...(isPlainChunk(input, key) ? splitChunk(input) : [rawOf(input, key)]));
      if (!feedingRef.current) {
        feedingRef.current = true;
        setFed((n) => n + 1);
      }
      return;
    }
    currentRef.current = { input, key };
    try {
      dispatchKey(orderedLayers(layersRef.current), input, key);
    } finally {
      currentRef.current = undefined;
      if (refeedRef.current) setFed((n) => n + 1);
    }
  }, []);
  useInput(onInput, { isActive: isRawModeSupported === true });

  const api = useMemo<DispatcherApi>(() => ({
    register(id, options) {
      layersRef.current.set(id, { seq: ++seqRef.current, options });
      setVersion((v) => v + 1);
      return () => {
        if (layersRef.current.get(id)?.options === options) layersRef.current.delete(id);
        setVersion((v) => v + 1);
      };
    },
    changed() { setVersion((v) => v + 1); },
    reachable() {
      const out: Command[] = [];
      // A key taken by a higher layer never reaches a lower one: `q` closes
      // the email view, so "q quit" must not be offered under it.
      const taken = new Set<string>();
      for (const layer of orderedLayers(layersRef.current)) {
        const mine: string[] = [];
        for (const [command, handler] of Object.entries(layer.handlers) as [Command, (() => void) | undefined][]) {
          const keys = bindingsByCommand.get(command)?.keys ?? [];
          if (handler && !out.includes(command) && keys.some((k) => !taken.has(k))) out.push(command);
          if (handler) mine.push(...keys);
        }
        for (const k of mine) taken.add(k);
        if (layer.captureAll) break;
      }
      return out;
    },
    currentKey: () => currentRef.current,
    version: 0,
  }), []);
  const value = useMemo(() => ({ ...api, version }), [api, version]);
  return <DispatcherContext.Provider value={value}>{children}</DispatcherContext.Provider>;
}

function useDispatcher(): DispatcherApi {
  const ctx = useContext(DispatcherContext);
  if (!ctx) throw new Error('useKeyLayer needs a <KeyDispatcherProvider> above it');
  return ctx;
}

/** Registers a key layer while the component is mounted. Handlers may change every render. */
export function useKeyLayer(options: KeyLayerOptions): void {
  const ctx = useDispatcher();
  const ref = useRef(options);
  ref.current = options;
  const { register, changed } = ctx;
  // Layout effects run in the commit itself, so a key typed right after a
  // layer appears on screen already reaches it.
  useLayoutEffect(() => register(options.id, ref), [register, options.id]);
  // Re-render the footer only when what the layer offers changes.
  const signature = [
    options.priority,
    options.active !== false,
    options.captureAll === true,
    ...Object.entries(options.handlers).filter(([, h]) => h).map(([c]) => c).sort(),
  ].join(' ');
  useLayoutEffect(() => { changed(); }, [changed, signature]);
}

/** The commands a key press would reach now; re-renders when layers change. */
export function useReachableCommands(): Command[] {
  const ctx = useDispatcher();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => ctx.reachable(), [ctx, ctx.version]);
}

/** The key event being dispatched right now, if any. */
export function useCurrentKey(): () => { input: string; key: Key } | undefined {
  return useDispatcher().currentKey;
}
