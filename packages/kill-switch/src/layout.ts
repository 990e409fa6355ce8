/**
 * Shared-memory layout of a {@link KillSwitch}. Every word that different threads write sits on
 * its own cache line (`stride` bytes apart: 64 on x64, 128 on arm64 where the adjacent-line
 * prefetcher pairs lines), so a thread looping on `allows` never shares a line with the audit
 * head or a watchdog that other threads keep writing.
 *
 * ```
 * line 0  byte 0        Int32    magic 0x4b535731 ('KSW1')
 *         byte 4        Int32    layout version
 *         byte 8        Int32    stride (bytes per cache line)
 *         byte 12       Int32    audit capacity (records)
 *         byte 16       Int32    watchdog capacity (slots)
 *         byte 24       BigInt64 resetCooldownMs (float64 bits)
 * line 1  byte S        Int32    STATE word: effective level | latched | hold counts (stateWord.ts)
 * line 2  byte 2S       BigInt64 lastTripAt (float64 bits; NaN bits = never tripped)
 * line 3  byte 3S       Int32    audit head: number of audit records ever reserved
 * line 4  byte 4S       Int32    watchdog high-water mark: highest slot ever allocated + 1
 *         byte 4S+4     Int32    watchdog creation counter (orders expiries like creation)
 * line 5  byte 5S       watchdog slots, WATCHDOG_SLOT_BYTES each:
 *                         +0 Int32 slot word (state | flags | beat sequence, watchdogWord.ts)
 *                         +4 Int32 name length (UTF-8 bytes)
 *                         +8 BigInt64 lastBeat (float64 bits)
 *                         +16 BigInt64 timeoutMs (float64 bits)
 *                         +24 Int32 creation number
 *                         +32 name bytes (MAX_NAME_BYTES)
 * then    audit ring, AUDIT_RECORD_BYTES per record:
 *                         +0 Int32 sequence (n + 1 once record n is published, -(n + 1) while written)
 *                         +4 Int32 action  +8 Int32 from  +12 Int32 to
 *                         +16 BigInt64 at (float64 bits)
 *                         +24 Int32 actor length  +28 Int32 reason length
 *                         +32 actor bytes (MAX_ACTOR_BYTES)  +96 reason bytes (MAX_REASON_BYTES)
 * ```
 * S = stride. Float64 values are stored as their bits in BigInt64 slots: `Atomics` works on
 * integer arrays only and a plain Float64 access may tear.
 */
export const KILL_SWITCH_LAYOUT = {
  magic: 0x4b535731,
  version: 1,
  /** Int32 indices of the header words. */
  magicIndex: 0,
  versionIndex: 1,
  strideIndex: 2,
  auditCapacityIndex: 3,
  watchdogCapacityIndex: 4,
  /** BigInt64 index of the resetCooldownMs bits. */
  cooldownBigIndex: 3,
  /** Bytes of one watchdog slot and of its fields. */
  watchdogSlotBytes: 128,
  maxNameBytes: 64,
  /** Bytes of one audit record and of its string fields. */
  auditRecordBytes: 384,
  maxActorBytes: 64,
  maxReasonBytes: 256,
} as const;

/** Cache-line stride in bytes for the running architecture. */
export function defaultStride(): 64 | 128 {
  return process.arch === 'arm64' ? 128 : 64;
}

/** Concrete offsets of one kill switch buffer (all indices are element indices of their view). */
export interface KillSwitchOffsets {
  readonly stride: number;
  readonly auditCapacity: number;
  readonly watchdogCapacity: number;
  /** Int32 index of the state word. */
  readonly stateIndex: number;
  /** BigInt64 index of lastTripAt. */
  readonly lastTripBigIndex: number;
  /** Int32 index of the audit head. */
  readonly auditHeadIndex: number;
  /** Int32 index of the watchdog high-water mark. */
  readonly watchdogCountIndex: number;
  /** Byte offset of watchdog slot 0. */
  readonly watchdogBase: number;
  /** Byte offset of audit record 0. */
  readonly auditBase: number;
  /** Total bytes. */
  readonly byteLength: number;
}

/**
 * Computes the offsets of a buffer with the given geometry.
 * @param stride - cache-line stride in bytes (64 or 128).
 * @param auditCapacity - audit ring size in records.
 * @param watchdogCapacity - number of watchdog slots.
 */
export function killSwitchOffsets(
  stride: number,
  auditCapacity: number,
  watchdogCapacity: number,
): KillSwitchOffsets {
  const L = KILL_SWITCH_LAYOUT;
  const watchdogBase = 5 * stride;
  const auditBase = watchdogBase + watchdogCapacity * L.watchdogSlotBytes;
  return {
    stride,
    auditCapacity,
    watchdogCapacity,
    stateIndex: stride / 4,
    lastTripBigIndex: (2 * stride) / 8,
    auditHeadIndex: (3 * stride) / 4,
    watchdogCountIndex: (4 * stride) / 4,
    watchdogBase,
    auditBase,
    byteLength: auditBase + auditCapacity * L.auditRecordBytes,
  };
}
