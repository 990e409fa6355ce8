import { instance, type Viz } from '@viz-js/viz';
import type { AnyStateMachine } from 'xstate';
import { toDot, type DiagramOptions } from './toDot.js';

let viz: Promise<Viz> | undefined;

/**
 * Renders a machine as SVG with Graphviz's `dot` layout (the WebAssembly build in
 * `@viz-js/viz`; no hand placement). Deterministic: the same machine and options give the same
 * bytes. Works in Node and in the browser.
 *
 * @param machine - a flat XState v5 machine
 * @param options - `active`: the state to highlight, e.g. the breaker's current state
 * @returns the SVG document
 * @throws Error when Graphviz rejects the generated DOT (a bug)
 * @example
 * ```ts
 * const svg = await renderSvg(circuitBreakerMachine, { active: 'open' });
 * ```
 */
export async function renderSvg(
  machine: AnyStateMachine,
  options: DiagramOptions = {},
): Promise<string> {
  return dotToSvg(toDot(machine, options));
}

/**
 * Lays out DOT source with Graphviz `dot` (WebAssembly) and returns SVG.
 *
 * @param dot - Graphviz DOT source
 * @returns the SVG document
 * @throws Error listing Graphviz's messages when the DOT is invalid
 */
export async function dotToSvg(dot: string): Promise<string> {
  viz ??= instance();
  const result = (await viz).render(dot, { format: 'svg', engine: 'dot' });
  if (result.status !== 'success') {
    throw new Error(`graphviz failed: ${result.errors.map((e) => e.message).join('; ')}`);
  }
  return result.output;
}
