/** Structured-cloneable handle of a {@link RiskEngine}'s shared state: post it to a worker. */
export interface RiskEngineHandle {
  readonly buffer: SharedArrayBuffer;
}
