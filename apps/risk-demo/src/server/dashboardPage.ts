/**
 * The dashboard page: one self-contained HTML document (no external assets, no build step)
 * that renders the state pushed on the `/live` WebSocket.
 */
export const dashboardPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>tripwire risk demo</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  :root { color-scheme: dark; --bg:#0b1020; --panel:#111827; --line:#1f2937; --text:#e5e7eb; --dim:#9ca3af;
    --ok:#22c55e; --warn:#f5a524; --bad:#ef4444; --accent:#60a5fa; }
  * { box-sizing: border-box; }
  body { margin:0; font:13px/1.4 system-ui, sans-serif; background:var(--bg); color:var(--text); }
  header { display:flex; gap:16px; align-items:center; padding:10px 16px; border-bottom:1px solid var(--line); flex-wrap:wrap; }
  header h1 { font-size:16px; margin:0 12px 0 0; }
  .pill { padding:2px 10px; border-radius:999px; background:var(--line); font-weight:600; }
  .pill.ok { background:#14532d; color:#bbf7d0; } .pill.warn { background:#78350f; color:#fde68a; } .pill.bad { background:#7f1d1d; color:#fecaca; }
  .notice { color:#fde68a; font-size:12px; }
  main { display:grid; grid-template-columns: repeat(12, 1fr); gap:12px; padding:12px 16px; }
  section { background:var(--panel); border:1px solid var(--line); border-radius:8px; padding:10px 12px; min-width:0; }
  section h2 { font-size:12px; text-transform:uppercase; letter-spacing:.06em; color:var(--dim); margin:0 0 8px; }
  .span3 { grid-column: span 3; } .span4 { grid-column: span 4; } .span5 { grid-column: span 5; } .span6 { grid-column: span 6; } .span7 { grid-column: span 7; } .span8 { grid-column: span 8; } .span12 { grid-column: span 12; }
  .diagrams { display:grid; grid-template-columns: 1fr 1fr; gap:10px; }
  .diagram.wide { grid-column: 1 / -1; }
  .diagram h3 { margin:0 0 4px; font-size:13px; display:flex; justify-content:space-between; }
  .diagram svg { width:100%; height:auto; max-height:280px; background:#fff; border-radius:6px; }
  .big { font-size:24px; font-weight:700; } .dim { color:var(--dim); }
  .kv { display:grid; grid-template-columns: auto 1fr; gap:2px 12px; }
  .bar { height:14px; background:var(--line); border-radius:3px; position:relative; overflow:hidden; }
  .bar > i { position:absolute; left:0; top:0; bottom:0; background:var(--accent); }
  .bar.warn > i { background:var(--warn); } .bar.bad > i { background:var(--bad); }
  table { width:100%; border-collapse:collapse; } td, th { padding:3px 6px; text-align:right; border-bottom:1px solid var(--line); white-space:nowrap; }
  th { color:var(--dim); font-weight:500; } td:first-child, th:first-child { text-align:left; }
  .hist { display:grid; grid-template-columns: 56px 1fr 80px; gap:3px 8px; align-items:center; }
  .hist.codes { grid-template-columns: 150px 1fr 60px; }
  button { background:#1e3a8a; color:white; border:0; border-radius:6px; padding:6px 10px; cursor:pointer; font-weight:600; }
  button.danger { background:#991b1b; } button.ok { background:#166534; }
  input, select { background:#0f172a; color:var(--text); border:1px solid var(--line); border-radius:6px; padding:5px 8px; }
  .controls { display:flex; gap:8px; flex-wrap:wrap; align-items:center; }
  .log { font:12px ui-monospace, monospace; max-height:170px; overflow:auto; white-space:pre; color:#cbd5e1; }
  svg.spark { width:100%; height:44px; }
</style>
</head>
<body>
<header>
  <h1>tripwire · risk demo</h1>
  <span>kill switch <span id="ks-level" class="pill">…</span></span>
  <span>global breaker <span id="global-state" class="pill">…</span></span>
  <span id="flow" class="pill">…</span>
  <span class="dim" id="uptime"></span>
  <span class="notice" id="impl"></span>
</header>
<main>
  <section class="span12">
    <h2>State machines from @tripwire/models (current state lit)</h2>
    <div class="diagrams" id="diagrams"></div>
  </section>
  <section class="span3">
    <h2>Throughput</h2>
    <div><span class="big" id="ops">0</span> <span class="dim">orders/s checked</span></div>
    <svg class="spark" id="spark" viewBox="0 0 120 44" preserveAspectRatio="none"></svg>
    <div class="kv"><span class="dim">accepted/s</span><span id="aps">0</span><span class="dim">filled/s</span><span id="fps">0</span></div>
    <div class="kv"><span class="dim">pipeline loop busy</span><span id="elu-main">0 %</span><span class="dim">venues loop busy</span><span id="elu-exchange">-</span></div>
  </section>
  <section class="span3">
    <h2>Orders</h2>
    <div class="kv" id="counts"></div>
  </section>
  <section class="span3">
    <h2>Check latency (RiskEngine.check)</h2>
    <div class="hist" id="lat-check"></div>
  </section>
  <section class="span3">
    <h2>End-to-end latency (created → report)</h2>
    <div class="hist" id="lat-e2e"></div>
  </section>
  <section class="span4">
    <h2>Denials by code</h2>
    <div class="hist codes" id="denials"></div>
  </section>
  <section class="span8">
    <h2>Positions and limit utilisation</h2>
    <table><thead><tr><th>instrument</th><th>venue</th><th>position</th><th>limit</th><th style="width:30%">utilisation</th><th>price</th><th>PnL</th></tr></thead><tbody id="positions"></tbody></table>
    <div class="dim" id="pnl"></div>
  </section>
  <section class="span5">
    <h2>Operator</h2>
    <div class="controls">
      <input id="token" type="password" placeholder="operator token" size="34" autocomplete="off">
    </div>
    <div class="controls" style="margin-top:8px">
      <select id="venue"></select>
      <button id="fault-outage">Outage 5 s</button>
      <button id="fault-slow">Slow 5 s</button>
      <button id="fault-errors">Error burst 5 s</button>
      <button id="fault-stale">Stale prices 5 s</button>
    </div>
    <div class="controls" style="margin-top:8px">
      <button id="ks-trip" class="danger">Trip kill switch</button>
      <button id="ks-reset" class="ok">Reset kill switch</button>
      <span id="action-result" class="dim"></span>
    </div>
    <h2 style="margin-top:10px">Operator audit</h2>
    <div class="log" id="op-audit"></div>
  </section>
  <section class="span7">
    <h2>Timeline</h2>
    <div class="log" id="timeline"></div>
    <h2 style="margin-top:10px">Kill switch audit</h2>
    <div class="log" id="ks-audit"></div>
  </section>
</main>
<script>
const $ = (id) => document.getElementById(id);
const fmt = (n) => n >= 1e6 ? (n / 1e6).toFixed(2) + 'M' : n >= 1e4 ? (n / 1e3).toFixed(1) + 'k' : String(Math.round(n));
const ns = (v) => v >= 1e9 ? (v / 1e9).toFixed(2) + ' s' : v >= 1e6 ? (v / 1e6).toFixed(2) + ' ms' : v >= 1e3 ? (v / 1e3).toFixed(2) + ' µs' : Math.round(v) + ' ns';
const tm = (t) => new Date(t).toISOString().slice(11, 23);
const cls = (s) => ({ closed: 'ok', active: 'ok', 'half-open': 'warn', reducing: 'warn', open: 'bad', isolated: 'bad', halted: 'bad' })[s] || '';
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const history = [];
let venuesFilled = false;

function pill(el, text) { el.textContent = text; el.className = 'pill ' + cls(text); }

function bars(el, rows, max, fmtv, klass) {
  el.innerHTML = rows.map(([k, v]) => '<span class="dim">' + esc(k) + '</span><div class="bar ' + (klass || '') + '"><i style="width:' +
    (max > 0 ? Math.max(1, 100 * Math.log1p(v) / Math.log1p(max)) : 0).toFixed(1) + '%"></i></div><span>' + fmtv(v) + '</span>').join('');
}

function render(s) {
  pill($('ks-level'), s.killSwitch);
  pill($('global-state'), s.globalBreaker);
  $('flow').textContent = s.flowing ? 'order flow running' : 'order flow stopped';
  $('flow').className = 'pill ' + (s.flowing ? 'ok' : '');
  $('uptime').textContent = 'up ' + (s.uptimeMs / 1000).toFixed(0) + ' s';
  const impls = Object.entries(s.implementations).filter(([, v]) => v.startsWith('stand-in'));
  $('impl').textContent = impls.length ? 'stand-ins in use: ' + impls.map(([k]) => k).join(', ') + ' (see README)' : '';
  const d = $('diagrams');
  for (const [name, { state, svg }] of Object.entries(s.diagrams)) {
    let box = $('diagram-' + name);
    if (!box) {
      box = document.createElement('div');
      box.className = name === 'global' || name === 'kill-switch' ? 'diagram' : 'diagram wide'; box.id = 'diagram-' + name;
      box.innerHTML = '<h3><span>' + esc(name === 'global' ? 'global breaker' : name === 'kill-switch' ? 'kill switch' : name + ' breaker') + '</span><span class="pill"></span></h3><div class="svg"></div>';
      d.appendChild(box);
    }
    if (box.dataset.state !== state) {
      box.dataset.state = state;
      box.querySelector('.svg').innerHTML = svg;
      pill(box.querySelector('.pill'), state);
    }
  }
  $('ops').textContent = fmt(s.throughput.ordersPerSec);
  $('aps').textContent = fmt(s.throughput.acceptedPerSec);
  $('fps').textContent = fmt(s.throughput.filledPerSec);
  $('elu-main').textContent = Math.round(s.eventLoop.main * 100) + ' %';
  $('elu-exchange').textContent = s.eventLoop.exchange === null ? 'same thread' : Math.round(s.eventLoop.exchange * 100) + ' %';
  history.push(s.throughput.ordersPerSec); if (history.length > 120) history.shift();
  const hmax = Math.max(1, ...history);
  $('spark').innerHTML = '<polyline fill="none" stroke="#60a5fa" stroke-width="1.5" points="' +
    history.map((v, i) => (i * 120 / 119).toFixed(1) + ',' + (42 - 40 * v / hmax).toFixed(1)).join(' ') + '"/>';
  const c = s.counts;
  $('counts').innerHTML = [['sent', c.sent], ['accepted', c.accepted], ['denied', c.denied], ['filled', c.filled], ['cancelled', c.cancelled],
    ['rejected', c.rejected], ['not sent (venue down)', c.notSent], ['reconciled', c.reconciled], ['outstanding', c.outstanding], ['lost', c.lost]]
    .map(([k, v]) => '<span class="dim">' + k + '</span><span' + (k === 'lost' && v > 0 ? ' style="color:#ef4444"' : '') + ' id="count-' + k.split(' ')[0] + '">' + fmt(v) + '</span>').join('');
  for (const [id, h] of [['lat-check', s.latency.check], ['lat-e2e', s.latency.e2e]]) {
    bars($(id), [['p50', h.p50], ['p90', h.p90], ['p99', h.p99], ['p99.9', h.p999], ['p99.99', h.p9999], ['max', h.max]], h.max, ns);
  }
  const den = Object.entries(s.deniedByCode).sort((a, b) => b[1] - a[1]);
  bars($('denials'), den.length ? den : [['none', 0]], Math.max(1, ...den.map(([, v]) => v)), fmt, 'bad');
  $('positions').innerHTML = s.positions.map((p) => '<tr><td>' + esc(p.symbol) + '</td><td>' + esc(p.venue) + '</td><td>' + p.position.toFixed(3) +
    '</td><td>' + p.maxPosition + '</td><td><div class="bar ' + (p.utilisation > 0.8 ? 'bad' : p.utilisation > 0.5 ? 'warn' : '') + '"><i style="width:' +
    Math.min(100, 100 * p.utilisation).toFixed(1) + '%"></i></div></td><td>' + p.price.toPrecision(6) + '</td><td>' + p.pnl.toFixed(0) + '</td></tr>').join('');
  $('pnl').textContent = 'PnL ' + s.pnl.toFixed(0) + ' · drawdown from peak ' + s.drawdown.toFixed(0);
  if (!venuesFilled) {
    $('venue').innerHTML = s.venues.map((v) => '<option>' + esc(v.name) + '</option>').join('');
    venuesFilled = true;
  }
  $('timeline').textContent = s.timeline.slice().reverse().map((e) => tm(e.at) + '  ' + e.source.padEnd(16) + e.from + ' → ' + e.to + (e.cause ? '  (' + e.cause + ')' : '')).join('\\n');
  $('ks-audit').textContent = s.killSwitchAudit.slice().reverse().map((e) => typeof e.at === 'number'
    ? tm(e.at) + '  ' + String(e.action).padEnd(14) + String(e.actor).padEnd(22) + e.from + ' → ' + e.to + (e.reason ? '  (' + e.reason + ')' : '') + (e.code ? ' ' + e.code : '')
    : JSON.stringify(e)).join('\\n');
  $('op-audit').textContent = s.operatorAudit.slice().reverse().map((e) => tm(e.at) + '  ' + e.outcome.padEnd(8) + e.action + '  ' + e.detail).join('\\n');
}

async function post(path, body) {
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ' + $('token').value }, body: JSON.stringify(body) });
  const out = await res.json();
  $('action-result').textContent = res.status + ' ' + JSON.stringify(out);
  $('action-result').dataset.status = String(res.status);
  return out;
}
const fault = (kind) => () => post('/api/faults', { venue: $('venue').value, kind, durationMs: 5000 });
$('fault-outage').onclick = fault('outage');
$('fault-slow').onclick = fault('slow');
$('fault-errors').onclick = fault('errors');
$('fault-stale').onclick = fault('stale-prices');
$('ks-trip').onclick = () => post('/api/kill-switch/trip', { level: 'halted', reason: 'dashboard trip', operator: 'dashboard' });
$('ks-reset').onclick = () => post('/api/kill-switch/reset', { reason: 'dashboard reset', operator: 'dashboard' });

function connect() {
  const ws = new WebSocket('ws://' + location.host + '/live');
  ws.onmessage = (m) => render(JSON.parse(m.data));
  ws.onclose = () => setTimeout(connect, 500);
}
connect();
</script>
</body>
</html>
`;
