import { parseArgs } from 'node:util';

/** Command line of the demo. */
export interface CliOptions {
  readonly scenario: 'outage' | undefined;
  readonly seconds: number | undefined;
  readonly headless: boolean;
  readonly port: number;
  readonly rate: number;
  readonly workers: number;
  readonly token: string | undefined;
}

/** Error for a bad command line argument, naming the option and the value. */
export class CliError extends Error {
  readonly code = 'INVALID_ARGUMENT';
  readonly field: string;
  readonly value: unknown;
  constructor(field: string, value: unknown, message: string) {
    super(`--${field} ${String(value)}: ${message}`);
    this.name = 'CliError';
    this.field = field;
    this.value = value;
  }
}

/**
 * Parses `npm start -- [--scenario outage] [--seconds N] [--headless] [--port P] [--rate R]
 * [--workers W] [--token T]`.
 *
 * @throws {@link CliError} for an unknown scenario or a non-numeric / out-of-range number.
 */
export function parseCli(argv: readonly string[]): CliOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      scenario: { type: 'string' },
      seconds: { type: 'string' },
      headless: { type: 'boolean', default: false },
      port: { type: 'string', default: '4100' },
      rate: { type: 'string', default: '25000' },
      workers: { type: 'string', default: '2' },
      token: { type: 'string' },
    },
    strict: true,
  });
  if (values.scenario !== undefined && values.scenario !== 'outage') {
    throw new CliError('scenario', values.scenario, "the only scenario is 'outage'");
  }
  const num = (
    field: string,
    v: string | undefined,
    min: number,
    max: number,
  ): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n < min || n > max)
      throw new CliError(field, v, `expected a number in [${min}, ${max}]`);
    return n;
  };
  return {
    scenario: values.scenario,
    seconds: num('seconds', values.seconds, 4, 86_400),
    headless: values.headless,
    port: num('port', values.port, 0, 65_535) ?? 4100,
    rate: num('rate', values.rate, 1, 1_000_000) ?? 25_000,
    workers: Math.round(num('workers', values.workers, 1, 16) ?? 2),
    token: values.token,
  };
}
