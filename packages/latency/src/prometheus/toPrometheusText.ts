import type { BucketScheme } from '../buckets/BucketScheme.js';
import { HISTOGRAM_ERROR, HistogramError } from '../errors/HistogramError.js';
import type { Capture } from '../internal/Capture.js';
import type { ResolvedHistogramOptions } from '../options.js';

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function invalid(field: string, value: unknown, rule: string): HistogramError {
  return new HistogramError(
    HISTOGRAM_ERROR.invalidArgument,
    field,
    value,
    `${field} must be ${rule}, got ${JSON.stringify(value) ?? String(value)}`,
  );
}

/** Renders `{a="x",le="5"}` from validated label pairs plus an optional `le`. */
function labelSet(pairs: readonly string[], le?: string): string {
  const all = le === undefined ? pairs : [...pairs, `le="${le}"`];
  return all.length === 0 ? '' : `{${all.join(',')}}`;
}

/**
 * Prometheus text exposition of a capture (docs/decisions/0403-latency-prometheus-buckets.md):
 * one cumulative `le` per octave of the bucket scheme (powers of two minus one: exact, since they
 * are bucket edges), `lowestNs - 1` for the underflow, `highestNs`, `+Inf`; values in ns.
 *
 * @param c - a capture.
 * @param scheme - bucket geometry.
 * @param o - configuration.
 * @param name - metric name.
 * @param labels - constant labels.
 * @returns the text, ending with a newline.
 * @throws HistogramError `'INVALID_ARGUMENT'` for an invalid metric name, label name or value.
 */
export function toPrometheusText(
  c: Capture,
  scheme: BucketScheme,
  o: ResolvedHistogramOptions,
  name: unknown,
  labels: unknown,
): string {
  if (typeof name !== 'string' || !METRIC_NAME.test(name)) {
    throw invalid('name', name, 'a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)');
  }
  const pairs: string[] = [];
  if (labels !== undefined) {
    if (typeof labels !== 'object' || labels === null) throw invalid('labels', labels, 'an object');
    for (const [k, v] of Object.entries(labels)) {
      if (!LABEL_NAME.test(k) || k.startsWith('__') || k === 'le') {
        throw invalid(`labels.${k}`, k, 'a label name ([a-zA-Z_][a-zA-Z0-9_]*, not le or __*)');
      }
      if (typeof v !== 'string') throw invalid(`labels.${k}`, v, 'a string');
      pairs.push(`${k}="${escapeLabelValue(v)}"`);
    }
  }
  const lines = [`# TYPE ${name} histogram`];
  let cumulative = c.underflow;
  lines.push(`${name}_bucket${labelSet(pairs, String(o.lowestNs - 1))} ${cumulative}`);
  for (let b = 0; ; b++) {
    const [first, end] = scheme.octaveRange(b);
    if (first >= scheme.buckets) break;
    for (let i = first; i < end && i < scheme.buckets; i++) cumulative += c.counts[i] as number;
    const top = Math.min(scheme.highestEquivalent(end - 1), o.highestNs);
    lines.push(`${name}_bucket${labelSet(pairs, String(top))} ${cumulative}`);
  }
  cumulative += c.overflow;
  lines.push(`${name}_bucket${labelSet(pairs, '+Inf')} ${cumulative}`);
  lines.push(`${name}_sum${labelSet(pairs)} ${c.sum}`);
  lines.push(`${name}_count${labelSet(pairs)} ${cumulative}`);
  return lines.join('\n') + '\n';
}
