import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const main = join(import.meta.dirname, '..', '..', 'src', 'main.ts');

/** Runs `src/main.ts` the way `npm start` does; resolves with its exit code and output. */
function start(
  args: string[],
  onLine?: (line: string, stop: () => void) => void,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@tripwire/source', '--import', 'tsx', main, ...args],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      for (const line of chunk.split('\n')) onLine?.(line, () => child.kill('SIGINT'));
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (out += chunk));
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal, out }));
  });
}

describe('npm start', () => {
  it('runs the outage scenario headless and ends the report with one JSON line', async () => {
    const { code, out } = await start([
      '--scenario',
      'outage',
      '--seconds',
      '4',
      '--headless',
      '--rate',
      '4000',
    ]);
    const lines = out.trim().split('\n');
    const json = JSON.parse(lines.at(-1)!) as Record<string, number>;
    expect(code).toBe(0);
    expect(json['lost']).toBe(0);
    expect(json['sent']).toBeGreaterThan(0);
    expect(json['sent']).toBe(json['accepted']! + json['denied']!);
    expect(out).toMatch(/^operator token: [0-9a-f]{32}$/m);
  }, 40_000);

  it('serves the dashboard until SIGINT, then stops cleanly', async () => {
    let url = '';
    const { code, out } = await start(['--port', '0', '--rate', '1000'], (line, stop) => {
      const m = /^dashboard: (http:\/\/127\.0\.0\.1:\d+\/)$/.exec(line);
      if (m !== null) url = m[1]!;
      if (line.startsWith('order flow running')) {
        void fetch(url)
          .then((res) => res.text())
          .then((page) => {
            expect(page).toContain('tripwire · risk demo');
            stop();
          });
      }
    });
    expect(out).toContain('order flow running');
    expect(url).not.toBe('');
    expect(code).toBe(130);
  }, 40_000);
});
