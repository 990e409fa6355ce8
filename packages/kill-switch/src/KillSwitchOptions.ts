import type { Clock } from '@tripwire/clock';

/** Decides whether `operator` presenting `token` may reset the kill switch. */
export type Authorize = (operator: string, token: string) => boolean;

/** How a kill switch authorizes resets: exactly one of `authorize` or `secret`. */
export interface KillSwitchAuthOptions {
  /** Custom authorization; must return `true` to allow. */
  readonly authorize?: Authorize;
  /** A shared secret compared in constant time with the reset token. */
  readonly secret?: string;
}

/** Options of `new KillSwitch(...)`. */
export interface KillSwitchOptions extends KillSwitchAuthOptions {
  /** Time source. @defaultValue `systemClock` */
  readonly clock?: Clock;
  /** Time after the last trip before a reset is accepted, ms. @defaultValue `60_000` */
  readonly resetCooldownMs?: number;
  /** Audit ring size in records (1..1,048,576). @defaultValue `1024` */
  readonly auditCapacity?: number;
  /** Watchdog slots (1..255). @defaultValue `32` */
  readonly maxWatchdogs?: number;
}

/** Options of `KillSwitch.attach(handle, ...)`: per-thread parts (functions cannot be posted). */
export interface KillSwitchAttachOptions extends KillSwitchAuthOptions {
  /** Time source; must share the creating thread's time base. @defaultValue `systemClock` */
  readonly clock?: Clock;
}

/** Structured-cloneable handle of a kill switch (no functions): post it to a worker. */
export interface KillSwitchHandle {
  readonly buffer: SharedArrayBuffer;
  readonly options: {
    readonly resetCooldownMs: number;
    readonly auditCapacity: number;
    readonly maxWatchdogs: number;
    readonly stride: number;
  };
}

/** Default option values. */
export const KILL_SWITCH_DEFAULTS = {
  resetCooldownMs: 60_000,
  auditCapacity: 1024,
  maxWatchdogs: 32,
} as const;
