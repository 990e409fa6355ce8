import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DIAGRAM_MACHINES, diagramFiles } from './diagramFiles.js';

const committed = resolve(import.meta.dirname, '../../../docs/diagrams');
const cli = resolve(import.meta.dirname, 'cli.ts');
const run = promisify(execFile);

function runCli(args: string[]) {
  return run(process.execPath, ['--conditions=@tripwire/source', '--import', 'tsx', cli, ...args], {
    cwd: resolve(import.meta.dirname, '..'),
  });
}

describe('docs/diagrams', () => {
  it('the committed diagrams are up to date with the machines (run `npm run generate -w @tripwire/diagrams`)', async () => {
    const files = await diagramFiles();
    expect(files.size).toBe(Object.keys(DIAGRAM_MACHINES).length * 3);
    for (const [name, content] of files) {
      const onDisk = await readFile(join(committed, name), 'utf8').catch(() => '(missing)');
      expect(onDisk, `${name} is out of date`).toBe(content);
    }
  });

  it('generation is deterministic', async () => {
    expect(await diagramFiles()).toEqual(await diagramFiles());
  });

  it('the CLI writes the files, and --check fails on a stale one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'diagrams-'));
    await runCli(['--out', dir]);
    const ok = await runCli(['--out', dir, '--check']);
    expect(ok.stdout).toContain('12 diagrams up to date');
    await writeFile(join(dir, 'kill-switch.mmd'), 'stale');
    const stale = await runCli(['--out', dir, '--check']).then(
      () => 'exit 0',
      (e: { code: number; stderr: string }) => `exit ${e.code}: ${e.stderr}`,
    );
    expect(stale).toMatch(/^exit 1: out of date in .*: kill-switch\.mmd/);
  }, 30_000);
});
