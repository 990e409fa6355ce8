import { describe, expect, it } from 'vitest';
import { KillSwitch } from '@tripwire/kill-switch';
import { runWorker } from '@tripwire/conformance';

const entry = new URL('./fixtures/stressWorker.ts', import.meta.url);
const OPS = 3_000;

describe('parallel workers hammering one kill switch', () => {
  it('holds end at zero, every operation is audited, the level obeys the max rule', async () => {
    const ks = new KillSwitch({ secret: 'stress', resetCooldownMs: 0, auditCapacity: 16_384 });
    const start = new SharedArrayBuffer(4);
    const runs = [1, 2, 3].map((seed) =>
      runWorker<{ records: number }>(entry, {
        workerData: { handle: ks.share(), ops: OPS, seed, start },
      }),
    );
    setTimeout(() => {
      Atomics.store(new Int32Array(start), 0, 1);
      Atomics.notify(new Int32Array(start), 0);
    }, 50);
    const results = await Promise.all(runs);
    const records = results.reduce((n, r) => n + r.message.records, 0);
    const s = ks.snapshot();
    expect(s.holds).toEqual({ reducing: 0, halted: 0 });
    expect(s.level).toBe(s.latched); // no holds, no watchdogs: effective = latched
    expect(ks.auditDropped).toBe(0);
    const audit = ks.audit();
    expect(audit).toHaveLength(records);
    const n = (action: string) => audit.filter((e) => e.action === action).length;
    expect(n('hold')).toBe(n('release'));
  }, 30_000);
});
