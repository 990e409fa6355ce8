import { levelName } from '../levels.js';
import { KILL_SWITCH_LAYOUT as L, type KillSwitchOffsets } from '../layout.js';
import {
  add,
  cas,
  load,
  loadF64,
  readBytes,
  store,
  storeF64,
  writeBytes,
} from '../internal/shared.js';
import { fromUtf8 } from '../internal/text.js';
import { AUDIT_ACTION, REFUSAL_CODES, type AuditAction, type AuditEntry } from './AuditEntry.js';

const ACTIONS = Object.keys(AUDIT_ACTION) as AuditAction[];

/**
 * The audit log shared by every thread attached to one kill switch: a bounded ring of fixed-size
 * records in the kill switch's buffer (docs/decisions/0300-shared-audit-ring.md).
 *
 * Writers reserve record number `n` with one `Atomics.add` on the head, claim slot `n % capacity`
 * by CAS-ing its sequence word to `-(n + 1)`, write the fields, and publish with a CAS to `n + 1`
 * (a seqlock). A reader accepts a record only if its sequence word reads `n + 1` both before and
 * after the fields, so it never returns a torn or half-written record. When more than `capacity`
 * records have been reserved the oldest are overwritten: `dropped` counts them exactly
 * (`head - capacity`), nothing is lost silently.
 */
export class AuditLog {
  readonly #words: Int32Array;
  readonly #bytes: Uint8Array;
  readonly #big: BigInt64Array;
  readonly #o: KillSwitchOffsets;

  constructor(buffer: SharedArrayBuffer, offsets: KillSwitchOffsets) {
    this.#words = new Int32Array(buffer);
    this.#bytes = new Uint8Array(buffer);
    this.#big = new BigInt64Array(buffer);
    this.#o = offsets;
  }

  /** Appends one record (see class comment). */
  append(
    at: number,
    action: AuditAction,
    from: number,
    to: number,
    actor: Uint8Array,
    reason: Uint8Array,
    refusal = 0,
  ): void {
    const w = this.#words;
    const n = add(w, this.#o.auditHeadIndex, 1);
    const base = this.#o.auditBase + (n % this.#o.auditCapacity) * L.auditRecordBytes;
    const seq = base >> 2;
    for (;;) {
      const cur = load(w, seq);
      // A newer record owns the slot already: ours is overwritten (counted by `dropped`).
      if (Math.abs(cur) > n + 1) return;
      if (cas(w, seq, cur, -(n + 1)) === cur) break;
    }
    store(w, seq + 1, AUDIT_ACTION[action] | (refusal << 8));
    store(w, seq + 2, from);
    store(w, seq + 3, to);
    storeF64(this.#big, (base + 16) >> 3, at);
    store(w, seq + 6, actor.length);
    store(w, seq + 7, reason.length);
    writeBytes(w, this.#bytes, base + 32, actor);
    writeBytes(w, this.#bytes, base + 96, reason);
    // Publish; fails only if a writer one full lap ahead took the slot (then ours is dropped).
    cas(w, seq, -(n + 1), n + 1);
  }

  /** Records ever reserved. */
  get recorded(): number {
    return load(this.#words, this.#o.auditHeadIndex);
  }

  /** Records overwritten because the ring was full. */
  get dropped(): number {
    return Math.max(0, this.recorded - this.#o.auditCapacity);
  }

  /** @returns the retained, published records, oldest first. */
  entries(): AuditEntry[] {
    const w = this.#words;
    const head = this.recorded;
    const out: AuditEntry[] = [];
    for (let n = Math.max(0, head - this.#o.auditCapacity); n < head; n++) {
      const base = this.#o.auditBase + (n % this.#o.auditCapacity) * L.auditRecordBytes;
      const seq = base >> 2;
      if (load(w, seq) !== n + 1) continue; // still being written, or already overwritten
      const code = load(w, seq + 1);
      const from = load(w, seq + 2);
      const to = load(w, seq + 3);
      const at = loadF64(this.#big, (base + 16) >> 3);
      const actorLength = Math.min(load(w, seq + 6), L.maxActorBytes);
      const reasonLength = Math.min(load(w, seq + 7), L.maxReasonBytes);
      const actor = readBytes(w, this.#bytes, base + 32, actorLength);
      const reason = readBytes(w, this.#bytes, base + 96, reasonLength);
      if (load(w, seq) !== n + 1) continue; // overwritten while we read it
      const refusal = code >> 8;
      const entry: AuditEntry = {
        at,
        action: ACTIONS[code & 0xff] as AuditAction,
        actor: fromUtf8(actor),
        reason: fromUtf8(reason),
        from: levelName(from),
        to: levelName(to),
        ...(refusal > 0 ? { code: REFUSAL_CODES[refusal - 1] } : {}),
      };
      out.push(entry);
    }
    return out;
  }
}
