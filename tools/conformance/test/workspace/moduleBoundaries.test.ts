import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..', '..');

/** Lints `code` as if it were the file at `filePath` (relative to the workspace root). */
async function lint(code: string, filePath: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: root,
    // The probe file does not exist on disk, so type-aware rules (which need it in a program)
    // are switched off for it; the boundary rule is syntactic.
    overrideConfig: [{ files: ['**/*.ts'], ...tseslint.configs.disableTypeChecked }],
  });
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('module boundaries', () => {
  const offenders = [
    "import { runWorker } from '@tripwire/conformance';",
    "import { circuitBreakerMachine } from '@tripwire/models';",
    "import { x } from '../../../tools/conformance/src/index.js';",
    "import { y } from '../../../apps/risk-demo/src/main.js';",
  ];

  it.each(offenders)(
    'a package source importing tools, models or apps is rejected: %s',
    async (line) => {
      const messages = await lint(`${line}\nexport const z = 1;\n`, 'packages/clock/src/probe.ts');
      expect(messages.some((m) => m.startsWith('no-restricted-imports'))).toBe(true);
    },
  );

  it('a package source importing another package is accepted', async () => {
    const messages = await lint(
      "import { systemClock } from '@tripwire/clock';\nexport const t = systemClock.now();\n",
      'packages/latency/src/probe.ts',
    );
    expect(messages).toEqual([]);
  });

  it('package tests may import tools', async () => {
    const messages = await lint(
      "import { runWorker } from '@tripwire/conformance';\nexport const r = runWorker;\n",
      'packages/clock/test/concurrency/probe.test.ts',
    );
    expect(messages).toEqual([]);
  });
});
