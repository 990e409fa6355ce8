export type { Clock } from './Clock.js';
export { systemClock } from './systemClock.js';
export { ManualClock } from './ManualClock.js';
export { CachedClock } from './CachedClock.js';
export { SharedManualClock, type SharedManualClockHandle } from './SharedManualClock.js';
export { CLOCK_LAYOUT } from './layout.js';
export { CLOCK_ERROR, ClockError, isClockError, type ClockErrorCode } from './errors/ClockError.js';
