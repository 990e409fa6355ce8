import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { RiskDemo } from '../app/RiskDemo.js';
import { isFaultKind, type FaultSpec } from '../exchange/faults.js';
import type { KillLevel } from '../primitives/ports.js';
import { dashboardPage } from './dashboardPage.js';

/** Options of {@link DashboardServer.start}. */
export interface DashboardServerOptions {
  /** Port on `host`; 0 picks a free one. @defaultValue 4100 */
  readonly port?: number;
  /** @defaultValue '127.0.0.1' */
  readonly host?: string;
  /** Push period of the live WebSocket. @defaultValue 250 */
  readonly pushMs?: number;
}

const MAX_BODY = 16 * 1024;
const LEVELS: readonly KillLevel[] = ['reducing', 'halted'];

/**
 * The dashboard: the page at `/`, the state at `GET /api/state`, live pushes on the `/live`
 * WebSocket, and the operator's mutating endpoints (fault injection, kill switch trip and reset),
 * which require `Authorization: Bearer <operator token>`; refused calls are audited.
 */
export class DashboardServer {
  private readonly demo: RiskDemo;
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private timer: NodeJS.Timeout | undefined;
  private readonly token: Buffer;
  /** The bound port. */
  port = 0;

  private constructor(demo: RiskDemo) {
    this.demo = demo;
    this.token = Buffer.from(demo.operatorToken);
    this.http = createServer((req, res) => {
      this.route(req, res).catch((e: unknown) => this.json(res, 500, { error: String(e) }));
    });
    this.wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
    this.http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (req.url !== '/live') {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        ws.send(JSON.stringify(this.demo.snapshot()));
        ws.on('error', () => undefined);
      });
    });
  }

  /** Starts serving. */
  static async start(
    demo: RiskDemo,
    options: DashboardServerOptions = {},
  ): Promise<DashboardServer> {
    const server = new DashboardServer(demo);
    await new Promise<void>((resolve, reject) => {
      server.http.once('error', reject);
      server.http.listen(options.port ?? 4100, options.host ?? '127.0.0.1', () => resolve());
    });
    const address = server.http.address();
    if (address !== null && typeof address === 'object') server.port = address.port;
    server.timer = setInterval(() => server.push(), options.pushMs ?? 250);
    return server;
  }

  /** `http://127.0.0.1:<port>/`. */
  get url(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  /** Stops pushing, closes every socket and the listener. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private push(): void {
    if (this.wss.clients.size === 0) return;
    const text = JSON.stringify(this.demo.snapshot());
    for (const ws of this.wss.clients) if (ws.readyState === ws.OPEN) ws.send(text);
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET') {
      if (url.pathname === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(dashboardPage);
        return;
      }
      if (url.pathname === '/api/state') return this.json(res, 200, this.demo.snapshot());
      const m = /^\/api\/diagrams\/([\w-]+)\.svg$/.exec(url.pathname);
      const d = m === null ? undefined : this.demo.snapshot().diagrams[m[1]!];
      if (d !== undefined) {
        res.writeHead(200, { 'content-type': 'image/svg+xml' });
        res.end(d.svg);
        return;
      }
      return this.json(res, 404, { error: 'NOT_FOUND' });
    }
    if (req.method !== 'POST') return this.json(res, 405, { error: 'METHOD_NOT_ALLOWED' });
    const action = url.pathname;
    const remote = req.socket.remoteAddress ?? 'unknown';
    if (!['/api/faults', '/api/kill-switch/trip', '/api/kill-switch/reset'].includes(action)) {
      return this.json(res, 404, { error: 'NOT_FOUND' });
    }
    if (!this.authorized(req)) {
      this.demo.audit({
        action,
        remote,
        outcome: 'refused',
        detail: 'missing or wrong operator token',
      });
      return this.json(res, 401, { error: 'UNAUTHORIZED' });
    }
    const body = await readJson(req);
    if (body === undefined) {
      this.demo.audit({ action, remote, outcome: 'refused', detail: 'bad JSON body' });
      return this.json(res, 400, { error: 'BAD_REQUEST', field: 'body' });
    }
    const operator = typeof body['operator'] === 'string' ? body['operator'] : 'operator';
    const reason = typeof body['reason'] === 'string' ? body['reason'] : 'dashboard';
    if (action === '/api/faults') {
      const venue = this.demo.config.venues.indexOf(String(body['venue']));
      const kind = body['kind'];
      const durationMs = Number(body['durationMs'] ?? 5_000);
      if (venue < 0 || !isFaultKind(kind) || !(durationMs > 0 && durationMs <= 600_000)) {
        this.demo.audit({ action, remote, outcome: 'refused', detail: 'invalid fault' });
        return this.json(res, 400, {
          error: 'BAD_REQUEST',
          field: venue < 0 ? 'venue' : isFaultKind(kind) ? 'durationMs' : 'kind',
        });
      }
      const fault: FaultSpec = {
        kind,
        durationMs,
        ...(body['delayMs'] !== undefined ? { delayMs: Number(body['delayMs']) } : {}),
        ...(body['rate'] !== undefined ? { rate: Number(body['rate']) } : {}),
      };
      this.demo.injectFault(venue, fault);
      this.demo.audit({
        action,
        remote,
        outcome: 'ok',
        detail: `${kind} on ${String(body['venue'])} for ${durationMs} ms`,
      });
      return this.json(res, 200, { ok: true });
    }
    const ks = this.demo.primitives.killSwitch;
    if (action === '/api/kill-switch/trip') {
      const level = LEVELS.includes(body['level'] as KillLevel)
        ? (body['level'] as KillLevel)
        : 'halted';
      ks.trip({ level, source: `operator:${operator}`, reason });
      this.demo.audit({ action, remote, outcome: 'ok', detail: `${level}: ${reason}` });
      return this.json(res, 200, { ok: true, level: ks.level });
    }
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    const result = ks.reset({ operator, token, reason });
    this.demo.audit({
      action,
      remote,
      outcome: result.ok ? 'ok' : 'refused',
      detail: result.ok ? reason : result.code,
    });
    return this.json(res, result.ok ? 200 : 409, { ...result, level: ks.level });
  }

  private authorized(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Bearer ')) return false;
    const given = Buffer.from(header.slice('Bearer '.length));
    return given.length === this.token.length && timingSafeEqual(given, this.token);
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}

function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  return new Promise((resolve) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
      if (text.length > MAX_BODY) req.destroy();
    });
    req.on('end', () => {
      try {
        const v: unknown = text === '' ? {} : JSON.parse(text);
        resolve(
          typeof v === 'object' && v !== null && !Array.isArray(v)
            ? (v as Record<string, unknown>)
            : undefined,
        );
      } catch {
        resolve(undefined);
      }
    });
    req.on('error', () => resolve(undefined));
  });
}
