// `npm start` entry: the risk demo with its dashboard, or a scripted scenario with a report.
import { RiskDemo } from './app/RiskDemo.js';
import { parseCli } from './cli/parseCli.js';
import { formatReport } from './scenario/formatReport.js';
import { runOutageScenario } from './scenario/runOutageScenario.js';
import { DashboardServer } from './server/DashboardServer.js';

const cli = parseCli(process.argv.slice(2));
const demo = await RiskDemo.start({
  ratePerSec: cli.rate,
  workers: cli.workers,
  ...(cli.token !== undefined ? { operatorToken: cli.token } : {}),
});
const server = cli.headless ? undefined : await DashboardServer.start(demo, { port: cli.port });

let stopping = false;
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await server?.close();
  await demo.close();
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(130));
process.on('SIGTERM', () => void shutdown(143));

console.log(`operator token: ${demo.operatorToken}`);
if (server !== undefined) console.log(`dashboard: ${server.url}`);
for (const [seam, impl] of Object.entries(demo.snapshot().implementations)) {
  if (impl.startsWith('stand-in')) console.log(`note: ${seam} uses a ${impl}`);
}

if (cli.scenario === 'outage') {
  const report = await runOutageScenario(demo, {
    seconds: cli.seconds ?? 30,
    log: (line) => console.log(line),
  });
  console.log(formatReport(report));
  await shutdown(report.lost === 0 ? 0 : 1);
} else {
  await demo.startFlow();
  console.log('order flow running; Ctrl-C to stop');
  if (cli.seconds !== undefined) setTimeout(() => void shutdown(0), cli.seconds * 1000);
}
