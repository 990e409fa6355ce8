import { EWMA_WASM_BASE64 } from './ewmaWasmBytes.js';

// The few WebAssembly JS-API types used here (the workspace's lib has no DOM / wasm typings).
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** A covariance refresh kernel with the signature of {@link ewmaScalar}. */
export type EwmaKernel = (sigma: Float64Array, r: Float64Array, n: number, lambda: number) => void;

/** @returns the kernel's bytes (decoded from the committed base64 module). */
export function ewmaWasmBytes(): Uint8Array {
  return Uint8Array.from(atob(EWMA_WASM_BASE64), (c) => c.charCodeAt(0));
}

/**
 * Instantiates the WebAssembly SIMD (f64x2) kernel synchronously (272 bytes). The matrix and the
 * return vector are copied into the module's memory, updated there and copied back.
 * @returns the kernel, or undefined when this runtime has no WebAssembly SIMD (use the scalar one).
 */
export function createEwmaWasm(): EwmaKernel | undefined {
  let instance: { readonly exports: Record<string, unknown> };
  try {
    instance = new wasm.Instance(new wasm.Module(ewmaWasmBytes()), {});
  } catch {
    /* v8 ignore next 2 -- Node >= 20 always has SIMD */
    return undefined;
  }
  const memory = instance.exports.memory as WasmMemory;
  const ewma = instance.exports.ewma as (
    n: number,
    lambda: number,
    sig: number,
    ret: number,
  ) => void;
  return (sigma, r, n, lambda) => {
    const need = (n * n + n) * 8;
    if (memory.buffer.byteLength < need)
      memory.grow(Math.ceil((need - memory.buffer.byteLength) / 65_536));
    const heap = new Float64Array(memory.buffer);
    heap.set(sigma.subarray(0, n * n), 0);
    heap.set(r.subarray(0, n), n * n);
    ewma(n, lambda, 0, n * n * 8);
    sigma.set(heap.subarray(0, n * n));
  };
}
