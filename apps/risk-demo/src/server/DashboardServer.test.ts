import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@tripwire/clock';
import { WebSocket } from 'ws';
import { RiskDemo } from '../app/RiskDemo.js';
import { demoConfig } from '../config/demoConfig.js';
import { rawText } from '../exchange/rawText.js';
import { DashboardServer } from './DashboardServer.js';

describe('DashboardServer', () => {
  let demo: RiskDemo;
  let server: DashboardServer;
  // The primitives run on a manual clock: the reset cooldown passes when the test says so.
  const clock = new ManualClock(1_000);

  beforeAll(async () => {
    demo = await RiskDemo.start({
      exchangeInWorker: false,
      operatorToken: 'secret-token',
      clock,
      config: { ...demoConfig, resetCooldownMs: 60_000 },
    });
    server = await DashboardServer.start(demo, { port: 0, pushMs: 20 });
  });

  afterAll(async () => {
    await server.close();
    await demo.close();
  });

  const post = async (
    path: string,
    body: unknown,
    token?: string,
  ): Promise<{ status: number; json: Record<string, unknown> }> => {
    const res = await fetch(new URL(path, server.url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  it('serves the page, the state and the diagrams', async () => {
    const page = await fetch(server.url);
    expect(await page.text()).toContain('tripwire · risk demo');
    const state = (await (await fetch(new URL('/api/state', server.url))).json()) as {
      diagrams: Record<string, { state: string }>;
    };
    expect(Object.keys(state.diagrams)).toEqual([
      'venue-a',
      'venue-b',
      'venue-c',
      'global',
      'kill-switch',
    ]);
    expect(state.diagrams['kill-switch']?.state).toBe('active');
    const svg = await fetch(new URL('/api/diagrams/venue-a.svg', server.url));
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(await svg.text()).toMatch(/^<svg[^>]*>/);
    expect((await fetch(new URL('/api/diagrams/nope.svg', server.url))).status).toBe(404);
  });

  it('pushes the state on the live WebSocket', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/live`);
    const first = await new Promise<string>((resolve) =>
      ws.once('message', (d) => resolve(rawText(d))),
    );
    expect(JSON.parse(first)).toHaveProperty('killSwitch', 'active');
    const second = await new Promise<string>((resolve) =>
      ws.once('message', (d) => resolve(rawText(d))),
    );
    expect(JSON.parse(second)).toHaveProperty('venues');
    ws.close();
  });

  it('refuses mutating calls without the operator token, and audits them', async () => {
    const before = demo.operatorAudit.length;
    expect(await post('/api/kill-switch/trip', { reason: 'x' })).toMatchObject({
      status: 401,
      json: { error: 'UNAUTHORIZED' },
    });
    expect(
      await post('/api/faults', { venue: 'venue-a', kind: 'outage' }, 'wrong-token'),
    ).toMatchObject({ status: 401 });
    expect(await post('/api/kill-switch/reset', {}, 'secret-tokeN')).toMatchObject({ status: 401 });
    expect(demo.primitives.killSwitch.level).toBe('active');
    const refused = demo.operatorAudit.slice(before);
    expect(refused.map((e) => [e.action, e.outcome])).toEqual([
      ['/api/kill-switch/trip', 'refused'],
      ['/api/faults', 'refused'],
      ['/api/kill-switch/reset', 'refused'],
    ]);
  });

  it('trips the kill switch with the token and resets it after the cooldown', async () => {
    expect(
      await post('/api/kill-switch/trip', { reason: 'test', level: 'halted' }, 'secret-token'),
    ).toMatchObject({ status: 200, json: { level: 'halted' } });
    expect(await post('/api/kill-switch/reset', { reason: 'early' }, 'secret-token')).toMatchObject(
      { status: 409, json: { code: 'COOLDOWN' } },
    );
    clock.advance(60_000);
    expect(await post('/api/kill-switch/reset', { reason: 'done' }, 'secret-token')).toMatchObject({
      status: 200,
      json: { ok: true, level: 'active' },
    });
    expect(await post('/api/kill-switch/reset', { reason: 'again' }, 'secret-token')).toMatchObject(
      { status: 409, json: { code: 'NOT_TRIPPED' } },
    );
  });

  it('injects faults and names the bad field of an invalid one', async () => {
    expect(
      await post('/api/faults', { venue: 'venue-x', kind: 'outage' }, 'secret-token'),
    ).toMatchObject({ status: 400, json: { field: 'venue' } });
    expect(
      await post('/api/faults', { venue: 'venue-b', kind: 'meteor' }, 'secret-token'),
    ).toMatchObject({ status: 400, json: { field: 'kind' } });
    expect(
      await post('/api/faults', { venue: 'venue-b', kind: 'slow', durationMs: -1 }, 'secret-token'),
    ).toMatchObject({ status: 400, json: { field: 'durationMs' } });
    expect(await post('/api/faults', '{not json', 'secret-token')).toMatchObject({
      status: 400,
      json: { field: 'body' },
    });
    expect(
      await post(
        '/api/faults',
        { venue: 'venue-b', kind: 'errors', durationMs: 50, rate: 0.5 },
        'secret-token',
      ),
    ).toMatchObject({ status: 200 });
    expect(demo.timeline.at(-1)).toMatchObject({ source: 'venue-b', to: 'errors 50 ms' });
  });

  it('answers unknown routes and methods', async () => {
    expect((await post('/api/nothing', {}, 'secret-token')).status).toBe(404);
    expect((await fetch(new URL('/api/state', server.url), { method: 'PUT' })).status).toBe(405);
    expect((await fetch(new URL('/nothing', server.url))).status).toBe(404);
  });
});
