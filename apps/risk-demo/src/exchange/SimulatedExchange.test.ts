import { get } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { FAULT } from './faults.js';
import { rawText } from './rawText.js';
import { REPORT_KIND, type ClientMessage, type VenueMessage } from './protocol.js';
import { MAX_REMEMBERED, SimulatedExchange } from './SimulatedExchange.js';

const instruments = [{ id: 7, symbol: 'BTC-USD', startPrice: 100, tickSize: 0.5, lotSize: 1 }];
let exchange: SimulatedExchange | undefined;

afterEach(async () => {
  await exchange?.stop();
  exchange = undefined;
});

async function start(random = () => 0.5): Promise<SimulatedExchange> {
  exchange = new SimulatedExchange({
    name: 'v',
    instruments,
    priceIntervalMs: 10,
    volatilityBps: 0,
    random,
  });
  await exchange.start();
  return exchange;
}

function health(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/health' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
}

/** Opens a client and collects the venue's messages. */
async function client(url: string): Promise<{
  ws: WebSocket;
  next: (t: VenueMessage['t']) => Promise<VenueMessage>;
  send: (m: ClientMessage) => void;
}> {
  const ws = new WebSocket(url);
  const inbox: VenueMessage[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (d) => {
    inbox.push(JSON.parse(rawText(d)) as VenueMessage);
    for (const w of waiters.splice(0)) w();
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const next = async (t: VenueMessage['t']): Promise<VenueMessage> => {
    for (;;) {
      const k = inbox.findIndex((m) => m.t === t);
      if (k >= 0) return inbox.splice(k, 1)[0]!;
      await new Promise<void>((r) => waiters.push(r));
    }
  };
  return { ws, next, send: (m) => ws.send(JSON.stringify(m)) };
}

describe('SimulatedExchange', () => {
  it('fills marketable IOC orders at the mid and cancels the others', async () => {
    const ex = await start();
    const c = await client(ex.wsUrl);
    expect(await c.next('prices')).toMatchObject({ p: [[7, 100]] });
    c.send({
      t: 'orders',
      o: [
        [1, 7, 0, 2, 101],
        [2, 7, 0, 2, 99],
        [3, 7, 1, 2, 99],
        [4, 7, 1, 2, 101],
        [5, 99, 0, 1, 1],
      ],
    });
    expect(await c.next('reports')).toEqual({
      t: 'reports',
      r: [
        [1, REPORT_KIND.filled, 2, 100],
        [2, REPORT_KIND.cancelled, 0, 0],
        [3, REPORT_KIND.filled, 2, 100],
        [4, REPORT_KIND.cancelled, 0, 0],
        [5, REPORT_KIND.rejected, 0, 0],
      ],
    });
    c.ws.close();
  });

  it('answers status requests with remembered outcomes and unknown ids', async () => {
    const ex = await start();
    const c = await client(ex.wsUrl);
    c.send({ t: 'orders', o: [[1, 7, 0, 1, 101]] });
    await c.next('reports');
    c.send({ t: 'status', ids: [1, 2] });
    expect(await c.next('status')).toEqual({
      t: 'status',
      r: [
        [1, REPORT_KIND.filled, 1, 100],
        [2, REPORT_KIND.unknown, 0, 0],
      ],
    });
    c.ws.close();
  });

  it(`remembers the last ${MAX_REMEMBERED} outcomes and forgets the oldest, one per new order`, async () => {
    const ex = await start();
    // Direct executes (the WebSocket path calls the same method), two laps past the limit.
    const last = 2 * MAX_REMEMBERED + 2;
    for (let id = 1; id <= last; id++) ex.execute([id, 7, 0, 1, id % 2 === 0 ? 101 : 99]);
    const c = await client(ex.wsUrl);
    const oldestKept = last - MAX_REMEMBERED + 1;
    c.send({ t: 'status', ids: [1, oldestKept - 1, oldestKept, last] });
    expect(await c.next('status')).toEqual({
      t: 'status',
      r: [
        [1, REPORT_KIND.unknown, 0, 0],
        [oldestKept - 1, REPORT_KIND.unknown, 0, 0],
        [
          oldestKept,
          oldestKept % 2 === 0 ? REPORT_KIND.filled : REPORT_KIND.cancelled,
          oldestKept % 2 === 0 ? 1 : 0,
          oldestKept % 2 === 0 ? 100 : 0,
        ],
        [last, REPORT_KIND.filled, 1, 100],
      ],
    });
    c.ws.close();
  });

  it('outage: drops connections and refuses new ones until the venue returns', async () => {
    const ex = await start();
    const c = await client(ex.wsUrl);
    const closed = new Promise((resolve) => c.ws.once('close', resolve));
    ex.inject({ kind: FAULT.outage, durationMs: 300 });
    await closed;
    expect(ex.status().up).toBe(false);
    await expect(health(ex.status().port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await new Promise((r) => setTimeout(r, 450));
    expect(await health(ex.status().port)).toBe(200);
    expect(ex.status()).toMatchObject({ up: true, faults: [] });
  });

  it('error burst: orders fail with error reports while it lasts', async () => {
    const ex = await start();
    const c = await client(ex.wsUrl);
    ex.inject({ kind: FAULT.errors, durationMs: 10_000, rate: 1 });
    c.send({ t: 'orders', o: [[1, 7, 0, 1, 101]] });
    expect(await c.next('reports')).toEqual({ t: 'reports', r: [[1, REPORT_KIND.error, 0, 0]] });
    ex.endFault(FAULT.errors);
    c.send({ t: 'orders', o: [[2, 7, 0, 1, 101]] });
    expect(await c.next('reports')).toEqual({ t: 'reports', r: [[2, REPORT_KIND.filled, 1, 100]] });
    c.ws.close();
  });

  it('slow responses: price ticks overtake a delayed report', async () => {
    const ex = await start();
    const c = await client(ex.wsUrl);
    await c.next('prices');
    ex.inject({ kind: FAULT.slow, durationMs: 10_000, delayMs: 200 });
    const order: string[] = [];
    c.ws.on('message', (d) => order.push((JSON.parse(rawText(d)) as VenueMessage).t));
    c.send({ t: 'orders', o: [[1, 7, 0, 1, 101]] });
    await c.next('reports');
    // Without the fault the report is the very next message; delayed, feed ticks (every 10 ms) come first.
    expect(order.indexOf('prices')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('prices')).toBeLessThan(order.indexOf('reports'));
    c.ws.close();
  });

  it('stale prices: the feed stops while the fault lasts', async () => {
    const ex = await start();
    const c = await client(ex.wsUrl);
    await c.next('prices');
    ex.inject({ kind: FAULT.stalePrices, durationMs: 10_000 });
    await new Promise((r) => setTimeout(r, 30)); // let in-flight ticks land
    let got = 0;
    c.ws.on('message', () => (got += 1));
    await new Promise((r) => setTimeout(r, 100));
    expect(got).toBe(0);
    ex.endFault(FAULT.stalePrices);
    await c.next('prices');
    c.ws.close();
  });

  it('partial fills: a random draw below 10 % fills half the lots', async () => {
    const ex = await start(() => 0.05);
    expect(ex.execute([1, 7, 0, 4, 101])).toEqual([1, REPORT_KIND.filled, 2, 100]);
    expect(ex.mid(7)).toBe(100);
    expect(ex.mid(8)).toBeUndefined();
  });
});
