// Worker thread hosting the simulated venues (see WorkerExchangeHost).
import { parentPort, workerData } from 'node:worker_threads';
import type { ExchangeCommand, ExchangeEvent, HostedVenue } from './ExchangeHost.js';
import { InProcessExchangeHost } from './ExchangeHost.js';

const host = new InProcessExchangeHost(workerData as HostedVenue[]);
const post = (e: ExchangeEvent): void => parentPort?.postMessage(e);

parentPort?.on('message', (c: ExchangeCommand) => {
  if (c.t === 'fault') host.inject(c.venue, c.fault);
  else if (c.t === 'status')
    void host.status().then((status) => post({ t: 'status', id: c.id, status }));
  else
    void host.stop().then(() => {
      post({ t: 'stopped' });
      parentPort?.close();
    });
});
post({ t: 'ready', urls: await host.start() });
