// Entry of a contention worker: registers the tsx loader in this thread, then imports the real
// worker module (TypeScript) named by the first extra argv. Node 20 applies `--import` hooks of a
// worker's execArgv only after its entry module is loaded, hence this indirection (as in
// tools/conformance).
import { register } from 'tsx/esm/api';

register();
const entry = process.argv[2];
if (entry === undefined) throw new Error('workerBootstrap.mjs: no worker entry given in argv');
await import(entry);
