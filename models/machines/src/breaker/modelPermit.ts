/**
 * Model permits (contract: "a model permit must identify its generation and, in half-open, its
 * slot"). A permit is `generation * PERMIT_STRIDE + slot`: slot 0 is the closed-state generation
 * token, slots 1, 2, ... number the half-open admissions of that generation in order. These are
 * the model's own numbers; a test harness maps them to the implementation's permits.
 */
export const PERMIT_STRIDE = 2 ** 20;

/** Rejections returned by ACQUIRE (DESIGN §3 `REJECTED`). */
export const REJECTED = {
  open: -1,
  halfOpenFull: -2,
  isolated: -3,
} as const;

/** A negative ACQUIRE result. */
export type Rejection = (typeof REJECTED)[keyof typeof REJECTED];

/**
 * @param generation - the generation that issued the permit
 * @param slot - 0 for a closed-state token, 1.. for the n-th half-open admission
 * @returns the model permit
 */
export function modelPermit(generation: number, slot: number): number {
  return generation * PERMIT_STRIDE + slot;
}

/**
 * @param permit - any number a caller reported
 * @returns `{ generation, slot }`, or `undefined` when `permit` is not a permit at all
 */
export function decodeModelPermit(
  permit: number,
): { generation: number; slot: number } | undefined {
  if (!Number.isSafeInteger(permit) || permit < 0) return undefined;
  return { generation: Math.floor(permit / PERMIT_STRIDE), slot: permit % PERMIT_STRIDE };
}
