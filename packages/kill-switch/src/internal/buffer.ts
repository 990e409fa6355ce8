import { KILL_SWITCH_ERROR, KillSwitchError } from '../errors/KillSwitchError.js';
import { KILL_SWITCH_LAYOUT as L, killSwitchOffsets, type KillSwitchOffsets } from '../layout.js';
import { compose } from './stateWord.js';
import { load, loadF64, store, storeF64 } from './shared.js';

/** A kill switch buffer and its geometry. */
export interface OpenBuffer {
  readonly buffer: SharedArrayBuffer;
  readonly offsets: KillSwitchOffsets;
  readonly resetCooldownMs: number;
}

/** Allocates and initialises a buffer; the magic word is written last. */
export function createBuffer(
  stride: number,
  auditCapacity: number,
  maxWatchdogs: number,
  resetCooldownMs: number,
): OpenBuffer {
  const offsets = killSwitchOffsets(stride, auditCapacity, maxWatchdogs);
  const buffer = new SharedArrayBuffer(offsets.byteLength);
  const words = new Int32Array(buffer);
  const big = new BigInt64Array(buffer);
  store(words, L.versionIndex, L.version);
  store(words, L.strideIndex, stride);
  store(words, L.auditCapacityIndex, auditCapacity);
  store(words, L.watchdogCapacityIndex, maxWatchdogs);
  storeF64(big, L.cooldownBigIndex, resetCooldownMs);
  store(words, offsets.stateIndex, compose(0, 0, 0, 0));
  storeF64(big, offsets.lastTripBigIndex, Number.NaN); // never tripped
  // Magic last: a thread that sees it sees an initialised buffer (SC stores are ordered).
  store(words, L.magicIndex, L.magic);
  return { buffer, offsets, resetCooldownMs };
}

function foreign(value: unknown, why: string): KillSwitchError {
  return new KillSwitchError(
    KILL_SWITCH_ERROR.foreignBuffer,
    'handle.buffer',
    value,
    `handle.buffer is not a kill switch buffer of layout v${L.version}: ${why}`,
  );
}

/**
 * Validates a handle from `share()`.
 * @throws KillSwitchError `'FOREIGN_BUFFER'` for a foreign, corrupted or mismatched buffer.
 */
export function openBuffer(handle: unknown): OpenBuffer {
  const buffer: unknown = (handle as { buffer?: unknown } | null | undefined)?.buffer;
  if (!(buffer instanceof SharedArrayBuffer)) throw foreign(buffer, 'not a SharedArrayBuffer');
  if (buffer.byteLength < 64) throw foreign(buffer, `only ${buffer.byteLength} bytes`);
  // A view of the 64-byte header only: a foreign buffer's length need not be a multiple of 4
  // (a whole-buffer Int32Array would throw a RangeError instead of FOREIGN_BUFFER).
  const words = new Int32Array(buffer, 0, 16);
  const magic = load(words, L.magicIndex);
  const version = load(words, L.versionIndex);
  if (magic !== L.magic) throw foreign({ magic }, `magic ${magic}`);
  if (version !== L.version) throw foreign({ version }, `version ${version}`);
  const stride = load(words, L.strideIndex);
  const auditCapacity = load(words, L.auditCapacityIndex);
  const maxWatchdogs = load(words, L.watchdogCapacityIndex);
  if (stride !== 64 && stride !== 128) throw foreign({ stride }, `stride ${stride}`);
  const offsets = killSwitchOffsets(stride, auditCapacity, maxWatchdogs);
  if (auditCapacity < 1 || maxWatchdogs < 1 || buffer.byteLength !== offsets.byteLength) {
    throw foreign(
      { auditCapacity, maxWatchdogs, byteLength: buffer.byteLength },
      `geometry does not match its ${buffer.byteLength} bytes`,
    );
  }
  const resetCooldownMs = loadF64(new BigInt64Array(buffer, 0, 8), L.cooldownBigIndex);
  const o = (handle as { options?: Record<string, unknown> | null }).options;
  if (
    o !== undefined &&
    (o === null ||
      o['stride'] !== stride ||
      o['auditCapacity'] !== auditCapacity ||
      o['maxWatchdogs'] !== maxWatchdogs ||
      o['resetCooldownMs'] !== resetCooldownMs)
  ) {
    throw foreign(
      { header: { stride, auditCapacity, maxWatchdogs, resetCooldownMs }, options: o },
      'handle.options do not match the buffer header',
    );
  }
  return { buffer, offsets, resetCooldownMs };
}
