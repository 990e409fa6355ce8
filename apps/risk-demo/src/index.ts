export {
  RiskDemo,
  type RiskDemoOptions,
  type TimelineEvent,
  type OperatorAuditEntry,
} from './app/RiskDemo.js';
export {
  buildDashboardState,
  summarize,
  type DashboardState,
  type LatencySummary,
} from './app/dashboardState.js';
export {
  demoConfig,
  type DemoConfig,
  type DemoInstrument,
  type DemoStrategy,
  type DemoBreakerSettings,
  type DemoClientIdSettings,
} from './config/demoConfig.js';
export {
  SimulatedExchange,
  type SimulatedExchangeOptions,
  type VenueInstrument,
  type VenueStatus,
} from './exchange/SimulatedExchange.js';
export { FAULT, isFaultKind, type FaultKind, type FaultSpec } from './exchange/faults.js';
export {
  REPORT_KIND,
  WIRE_SIDE,
  type ReportKind,
  type WireOrder,
  type WireReport,
  type ClientMessage,
  type VenueMessage,
} from './exchange/protocol.js';
export { DashboardServer, type DashboardServerOptions } from './server/DashboardServer.js';
export {
  runOutageScenario,
  type OutageReport,
  type OutageScenarioOptions,
} from './scenario/runOutageScenario.js';
export { formatReport } from './scenario/formatReport.js';
export { parseCli, CliError, type CliOptions } from './cli/parseCli.js';
