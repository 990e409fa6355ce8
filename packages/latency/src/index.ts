export { LatencyHistogram, type LatencyHistogramHandle } from './LatencyHistogram.js';
export {
  DEFAULT_HISTOGRAM_OPTIONS,
  type LatencyHistogramOptions,
  type ResolvedHistogramOptions,
} from './options.js';
export type { HistogramBucket, LatencyHistogramSnapshot } from './snapshot.js';
export { HISTOGRAM_LAYOUT, histogramRegions, type HistogramRegions } from './layout.js';
export {
  HISTOGRAM_ERROR,
  HistogramError,
  isHistogramError,
  type HistogramErrorCode,
} from './errors/HistogramError.js';
