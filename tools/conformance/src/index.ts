export { WORKER_EXEC_ARGV, runWorker, startWorker, type WorkerRun } from './workers/startWorker.js';
