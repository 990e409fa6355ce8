import { describe, expect, it } from 'vitest';
import { createDiagramSource, forInlining } from './diagrams.js';

describe('diagrams of the models', () => {
  it('lights exactly the current state, with the renderer highlight', async () => {
    const source = await createDiagramSource();
    const cases = [
      ['breaker', ['closed', 'open', 'half-open', 'isolated']],
      ['global', ['closed', 'open', 'half-open']],
      ['kill-switch', ['active', 'reducing', 'halted']],
    ] as const;
    for (const [kind, states] of cases) {
      for (const state of states) {
        const svg = source.render(kind, state);
        expect(svg.startsWith('<svg ')).toBe(true);
        expect(svg.match(/data-active="true"/g)).toHaveLength(1);
        const lit =
          /<g [^>]*data-state="([^"]+)" data-active="true">\s*<title>[^<]*<\/title>\s*<[a-z]+ fill="([^"]+)"/.exec(
            svg,
          );
        expect(lit?.[1]).toBe(state);
        expect(lit?.[2]).toBe('#ffcc80');
        for (const other of states) expect(svg).toContain(`data-state="${other}"`);
      }
    }
    expect(source.render('breaker', 'no-such-state')).not.toContain('data-active="true"');
  }, 30_000);

  it('strips the prolog and decodes state names', () => {
    const svg = forInlining(
      '<?xml version="1.0"?>\n<!DOCTYPE svg>\n<!-- c -->\n<svg width="1"><g id="node4" class="node">\n<title>half&#45;open</title></g></svg>',
      'half-open',
    );
    expect(svg).toBe(
      '<svg data-active="half-open" width="1"><g id="node4" class="node" data-state="half-open" data-active="true">\n<title>half&#45;open</title></g></svg>',
    );
  });
});
