import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { diagramFiles } from './diagramFiles.js';

/**
 * `tsx src/cli.ts [--out <dir>] [--check]`: writes every diagram to `docs/diagrams/` (default),
 * or with `--check` exits 1 listing the files that are missing or out of date.
 */
async function main(argv: readonly string[]): Promise<number> {
  const outIndex = argv.indexOf('--out');
  const out =
    outIndex >= 0 && argv[outIndex + 1] !== undefined
      ? resolve(argv[outIndex + 1] as string)
      : resolve(import.meta.dirname, '../../../docs/diagrams');
  const files = await diagramFiles();
  if (argv.includes('--check')) {
    const stale: string[] = [];
    for (const [name, content] of files) {
      const onDisk = await readFile(join(out, name), 'utf8').catch(() => undefined);
      if (onDisk !== content) stale.push(name);
    }
    if (stale.length > 0) {
      console.error(
        `out of date in ${out}: ${stale.join(', ')} (run npm run generate -w @tripwire/diagrams)`,
      );
      return 1;
    }
    console.log(`${files.size} diagrams up to date in ${out}`);
    return 0;
  }
  await mkdir(out, { recursive: true });
  for (const [name, content] of files) await writeFile(join(out, name), content);
  const existing = await readdir(out);
  console.log(`wrote ${files.size} files to ${out} (${existing.length} files there)`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
