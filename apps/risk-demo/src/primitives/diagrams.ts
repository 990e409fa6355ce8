import { renderSvg } from '@tripwire/diagrams';
import { circuitBreakerMachine, globalBreakerMachine, killSwitchMachine } from '@tripwire/models';

/** Which diagram to draw. */
export type DiagramKind = 'breaker' | 'global' | 'kill-switch';

/** The diagram seam: SVG of a machine with its current state lit. */
export interface DiagramSource {
  /** What draws the diagrams; shown on the dashboard. */
  readonly implementation: string;
  /** The SVG of `kind` with `active` lit (nothing lit for a state the machine does not have). */
  render(kind: DiagramKind, active: string): string;
}

const MACHINES = {
  breaker: circuitBreakerMachine,
  global: globalBreakerMachine,
  'kill-switch': killSwitchMachine,
} as const;

/**
 * Renders, once at start-up, every state of the breaker, global breaker and kill switch model
 * machines (`@tripwire/models`) with `@tripwire/diagrams`' `renderSvg` (Graphviz layout), so the
 * dashboard can swap diagrams synchronously as states change.
 */
export async function createDiagramSource(): Promise<DiagramSource> {
  const cache = new Map<string, string>();
  for (const [kind, machine] of Object.entries(MACHINES)) {
    cache.set(`${kind}:`, forInlining(await renderSvg(machine), undefined));
    for (const state of Object.keys(machine.root.states)) {
      cache.set(
        `${kind}:${state}`,
        forInlining(await renderSvg(machine, { active: state }), state),
      );
    }
  }
  return {
    implementation: '@tripwire/diagrams renderSvg of @tripwire/models machines',
    render: (kind, active) => cache.get(`${kind}:${active}`) ?? cache.get(`${kind}:`) ?? '',
  };
}

const ENTITIES: Record<string, string> = { '&#45;': '-', '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/**
 * Makes Graphviz's SVG document fit inline in HTML: drops the XML prolog, doctype and comments,
 * and marks every state node with `data-state` (and the lit one with `data-active="true"`) so
 * the page and its tests can find the current state.
 */
export function forInlining(svg: string, active: string | undefined): string {
  return svg
    .replace(/<\?xml[^>]*>\s*/, '')
    .replace(/<!DOCTYPE[^>]*>\s*/, '')
    .replace(/<!--[\s\S]*?-->\s*/g, '')
    .replace(/<svg /, `<svg data-active="${active ?? ''}" `)
    .replace(
      /<g id="(node\d+)" class="node">(\s*)<title>([^<]*)<\/title>/g,
      (_m, id: string, space: string, title: string) => {
        const state = title.replace(/&#45;|&amp;|&lt;|&gt;/g, (e) => ENTITIES[e] ?? e);
        const lit = state === active ? ' data-active="true"' : '';
        return `<g id="${id}" class="node" data-state="${state}"${lit}>${space}<title>${title}</title>`;
      },
    );
}
