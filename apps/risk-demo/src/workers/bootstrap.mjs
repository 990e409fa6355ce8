// Worker entry used by startTsWorker(): registers the tsx loader in this thread, then imports the
// real entry (a TypeScript module) named by the first extra argv. Node 20 applies `--import`
// hooks of a worker's execArgv only after its entry module is loaded, hence this indirection.
import { register } from 'tsx/esm/api';

register();
const entry = process.argv[2];
if (entry === undefined) throw new Error('bootstrap.mjs: no worker entry given in argv');
await import(entry);
