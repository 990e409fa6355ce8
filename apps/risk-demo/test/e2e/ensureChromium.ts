import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian's Chromium, the only browser the e2e tests use (DESIGN §7). */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Makes sure Debian's Chromium is installed: when it is missing, runs `apt-get update` and
 * `apt-get install -y chromium` (the machine's own package registry; nothing downloads a browser
 * build). Throws, never skips, when it still is not there.
 */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const steps = [
    ['apt-get', 'update'],
    ['apt-get', 'install', '-y', 'chromium'],
  ];
  for (const [cmd, ...args] of steps) {
    const run = spawnSync(cmd!, args, {
      encoding: 'utf8',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (run.status !== 0) {
      throw new Error(
        `e2e set-up: \`${[cmd, ...args].join(' ')}\` failed (status ${String(run.status)}${run.error ? `, ${run.error.message}` : ''}); ` +
          `the browser tests need Debian's chromium at ${CHROMIUM}.\n${run.stderr ?? ''}`,
      );
    }
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`e2e set-up: apt-get installed chromium but ${CHROMIUM} is still missing`);
  }
  return CHROMIUM;
}
