import type { ReportEntry } from './buildReport.js';
import { formatNs } from './format.js';

const COLOR: Record<ReportEntry['kind'], string> = {
  ours: '#1f6fb2',
  baseline: '#9a9a9a',
  peer: '#d9772b',
};

function escapeXml(s: string): string {
  return s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/**
 * A horizontal bar chart of median time per operation on a log scale, one bar per entry, coloured
 * by role (ours, baseline, peer). Pure SVG, no script, readable on GitHub.
 *
 * @param entries - the scenarios to draw, in order.
 * @param title - chart title.
 * @returns the SVG document.
 */
export function renderSvg(entries: readonly ReportEntry[], title: string): string {
  const rowH = 20;
  const labelW = 430;
  const plotW = 420;
  const top = 46;
  const bottom = 30;
  const width = labelW + plotW + 90;
  type Row = { header: string } | { entry: ReportEntry };
  const rows: Row[] = [];
  let suite: string | undefined;
  for (const e of entries) {
    if (e.suite !== suite) rows.push({ header: e.suite });
    suite = e.suite;
    rows.push({ entry: e });
  }
  const height = top + rows.length * rowH + bottom;
  const values = entries.map((e) => e.p50Ns).filter((v) => v > 0 && Number.isFinite(v));
  const lo = 10 ** Math.floor(Math.log10(Math.min(...values, 1)));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...values, 10)));
  const x = (v: number): number =>
    labelW +
    (plotW * (Math.log10(Math.max(v, lo)) - Math.log10(lo))) / (Math.log10(hi) - Math.log10(lo));
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="10" y="20" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
    `<text x="10" y="36" fill="#555">median time per operation (p50 of mitata samples), log scale; lower is better</text>`,
  );
  (['ours', 'baseline', 'peer'] as const).forEach((k, i) => {
    const lx = labelW + 40 + i * 110;
    out.push(
      `<rect x="${lx}" y="27" width="12" height="10" fill="${COLOR[k]}"/>`,
      `<text x="${lx + 16}" y="36">${k === 'ours' ? 'tripwire' : k}</text>`,
    );
  });
  for (let t = lo; t <= hi; t *= 10) {
    const tx = x(t).toFixed(1);
    out.push(
      `<line x1="${tx}" y1="${top - 4}" x2="${tx}" y2="${height - bottom + 4}" stroke="#e3e3e3"/>`,
      `<text x="${tx}" y="${height - bottom + 18}" text-anchor="middle" fill="#555">${escapeXml(formatNs(t))}</text>`,
    );
  }
  rows.forEach((row, i) => {
    const y = top + i * rowH;
    if ('header' in row) {
      out.push(
        `<text x="10" y="${y + 14}" font-weight="bold" fill="#333">${escapeXml(row.header)}</text>`,
      );
      return;
    }
    const e = row.entry;
    const w = Math.max(1, x(e.p50Ns) - labelW);
    out.push(
      `<text x="${labelW - 8}" y="${y + 14}" text-anchor="end">${escapeXml(e.name)}</text>`,
      `<rect x="${labelW}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 6}" fill="${COLOR[e.kind]}"><title>${escapeXml(`${e.suite}: ${e.name}: p50 ${formatNs(e.p50Ns)}, mean ${formatNs(e.meanNs)}`)}</title></rect>`,
      `<text x="${(labelW + w + 6).toFixed(1)}" y="${y + 14}" fill="#333">${escapeXml(formatNs(e.p50Ns))}</text>`,
    );
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
