import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DashboardServer, RiskDemo, demoConfig } from '@tripwire/risk-demo';
import { ensureChromium } from './ensureChromium.js';

const appDir = join(import.meta.dirname, '..', '..');
const outDir = join(appDir, 'test-output');

// Real headless Chromium (Debian's) driven by playwright-core against the dashboard served on
// 127.0.0.1 at an ephemeral port. Steps run in order and share one page.
describe('dashboard in headless Chromium', () => {
  let demo: RiskDemo;
  let server: DashboardServer;
  let context: BrowserContext;
  let page: Page;
  let profile: string;

  beforeAll(async () => {
    const executablePath = ensureChromium();
    demo = await RiskDemo.start({
      ratePerSec: 3_000,
      config: { ...demoConfig, resetCooldownMs: 300 },
    });
    await demo.startFlow();
    server = await DashboardServer.start(demo, { port: 0 });
    profile = mkdtempSync(join(tmpdir(), 'tripwire-e2e-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
      viewport: { width: 1440, height: 1000 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(server.url);
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    await demo?.close();
    if (profile !== undefined) rmSync(profile, { recursive: true, force: true });
  });

  const diagram = (name: string, state: string): string =>
    `#diagram-${name}[data-state="${state}"]`;

  it('shows every breaker and the kill switch live, with the current state lit', async () => {
    for (const name of ['venue-a', 'venue-b', 'venue-c', 'global']) {
      await page.waitForSelector(diagram(name, 'closed'));
    }
    await page.waitForSelector(diagram('kill-switch', 'active'));
    const lit = await page
      .locator('#diagram-venue-a svg [data-active="true"]')
      .getAttribute('data-state');
    expect(lit).toBe('closed');
    // The count reads e.g. "812" or "12.3k": any non-zero figure.
    await page
      .locator('#count-accepted')
      .filter({ hasText: /^[1-9]/ })
      .waitFor();
  });

  it('shows the venue breaker open during an injected outage and closed after it', async () => {
    await page.fill('#token', demo.operatorToken);
    await page.selectOption('#venue', 'venue-a');
    await page.click('#fault-outage');
    await page.waitForSelector(diagram('venue-a', 'open'), { timeout: 10_000 });
    const lit = await page
      .locator('#diagram-venue-a svg [data-active="true"]')
      .getAttribute('data-state');
    expect(lit).toBe('open');
    mkdirSync(outDir, { recursive: true });
    await page.screenshot({ path: join(outDir, 'dashboard-outage.png'), fullPage: true });
    // The README's picture is refreshed only on request, so a test run never dirties the tree.
    if (process.env['UPDATE_SCREENSHOT'] === '1') {
      copyFileSync(join(outDir, 'dashboard-outage.png'), join(appDir, 'docs', 'dashboard.png'));
    }
    await page.waitForSelector(diagram('venue-a', 'closed'), { timeout: 20_000 });
    await page.waitForSelector(diagram('venue-b', 'closed'));
  });

  it('refuses a kill switch trip without the token and audits it', async () => {
    await page.fill('#token', 'not-the-token');
    await page.click('#ks-trip');
    await page.waitForSelector('#action-result[data-status="401"]');
    await page.locator('#op-audit', { hasText: 'refused' }).waitFor();
    await page.waitForSelector(diagram('kill-switch', 'active'));
    expect(
      demo.operatorAudit.some(
        (e) => e.outcome === 'refused' && e.action === '/api/kill-switch/trip',
      ),
    ).toBe(true);
  });

  it('trips and resets the kill switch with the operator token', async () => {
    await page.fill('#token', demo.operatorToken);
    await page.click('#ks-trip');
    await page.waitForSelector(diagram('kill-switch', 'halted'));
    await expect(page.locator('#ks-level').textContent()).resolves.toBe('halted');
    await page.locator('#denials', { hasText: 'KILL_SWITCH' }).waitFor();
    // The demo's reset cooldown is 300 ms here: wait it out, then reset with the token.
    await page.waitForTimeout(400);
    await page.click('#ks-reset');
    await page.waitForSelector('#action-result[data-status="200"]');
    await page.waitForSelector(diagram('kill-switch', 'active'));
    await page.screenshot({ path: join(outDir, 'dashboard-final.png'), fullPage: true });
  });
});
