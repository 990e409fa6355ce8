import { describe, expect, it } from 'vitest';
import { CliError, parseCli } from './parseCli.js';

describe('parseCli', () => {
  it('reads the outage scenario command line', () => {
    expect(parseCli(['--scenario', 'outage', '--seconds', '30', '--headless'])).toEqual({
      scenario: 'outage',
      seconds: 30,
      headless: true,
      port: 4100,
      rate: 25_000,
      workers: 2,
      token: undefined,
    });
  });

  it('takes port, rate, workers and token', () => {
    expect(
      parseCli(['--port', '0', '--rate', '1000', '--workers', '1', '--token', 't']),
    ).toMatchObject({ port: 0, rate: 1000, workers: 1, token: 't', scenario: undefined });
  });

  it('names the option and the value of a bad argument', () => {
    expect(() => parseCli(['--scenario', 'flood'])).toThrow(CliError);
    try {
      parseCli(['--seconds', 'ten']);
    } catch (e) {
      expect(e).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'seconds', value: 'ten' });
    }
    expect(() => parseCli(['--port', '70000'])).toThrow(/--port 70000/);
    expect(() => parseCli(['--nope'])).toThrow();
  });
});
