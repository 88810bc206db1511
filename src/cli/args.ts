// One strict argument parser for every command (node:util parseArgs), with
// errors rewritten into one line that names the command and the fix.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Options every command accepts. */
export const COMMON_OPTIONS = {
  db: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

export interface Parsed<T extends Options> {
  values: { [K in keyof (T & typeof COMMON_OPTIONS)]?: OptionValue<(T & typeof COMMON_OPTIONS)[K]> };
  positionals: string[];
}

type OptionValue<O> = O extends { type: 'string'; multiple: true }
  ? string[]
  : O extends { type: 'boolean'; multiple: true }
    ? boolean[]
    : O extends { type: 'string' }
      ? string
      : boolean;

/** Parses `argv` for `command`; throws UsageError with one clear line. */
export function parseCommandArgs<T extends Options>(
  command: string,
  argv: string[],
  options: T,
  positionals: { min?: number; max?: number } = {},
): Parsed<T> {
  let result;
  try {
    const all = { ...COMMON_OPTIONS, ...options };
    result = parseArgs({ args: attachNegativeNumbers(argv, all), options: all, strict: true, allowPositionals: true });
  } catch (err) {
    throw new UsageError(`${command}: ${describeParseError(err)} (see outbound ${command} --help)`);
  }
  const values = result.values as Parsed<T>['values'];
  if (typeof values.db === 'string' && values.db.trim() === '') {
    throw new UsageError(`${command}: option --db needs a value (a database file path)`);
  }
  if (!values.help) {
    const { min = 0, max = Infinity } = positionals;
    const n = result.positionals.length;
    if (n > max) {
      const extra = result.positionals[max]!;
      throw new UsageError(
        `${command}: unexpected argument ${JSON.stringify(extra)} (see outbound ${command} --help)`,
      );
    }
    if (n < min) throw new UsageError(`${command}: missing argument (see outbound ${command} --help)`);
  }
  return { values, positionals: result.positionals };
}

/**
 * `--limit -3`: parseArgs takes "-3" for an option and reports "needs a value".
 * Attach a value that looks like a negative number to its string option
 * (`--limit=-3`) so the option's own check says what is wrong with it.
 */
function attachNegativeNumbers(argv: string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const next = argv[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (name && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

function describeParseError(err: unknown): string {
  const e = err as { code?: string; message?: string };
  const message = String(e.message ?? err);
  const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1] ?? '';
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/argument missing|ambiguous/.test(message)) return `option ${option} needs a value`;
      if (/does not take an argument/.test(message)) return `option ${option} takes no value`;
      return `invalid value for ${option}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument`;
    default:
      return message.split('\n')[0]!;
  }
}

/** The value of a required string option, or a UsageError naming it. */
export function required(command: string, name: string, value: string | undefined): string {
  if (value === undefined) throw new UsageError(`${command}: --${name} is required (see outbound ${command} --help)`);
  return value;
}

/** A positive integer id ("12"); anything else is a usage error. */
export function parseId(command: string, text: string): number {
  if (!/^[1-9]\d{0,15}$/.test(text)) throw new UsageError(`${command}: ${JSON.stringify(text)} is not an email id (a positive whole number)`);
  return Number(text);
}

/** A whole number ≥ min for option `--name`. */
export function parseCount(command: string, name: string, text: string, min = 0): number {
  if (!/^\d{1,15}$/.test(text) || Number(text) < min) {
    throw new UsageError(`${command}: --${name} must be a whole number ≥ ${min}, not ${JSON.stringify(text)}`);
  }
  return Number(text);
}
