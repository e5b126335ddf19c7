/**
 * The audit report as one self-contained `index.html`: inline CSS and inline SVG (rendered here with
 * vega-lite + vega), no script and nothing fetched at view time.
 *
 * Contents: the summary table (the rows of the Markdown report), the seed's picture (|∂SE/∂z| and
 * |∂CE/∂z| for a sigmoid output with y = 1, and their ratio, from the catalogue's references), and per
 * catalogue id one error-against-input plot per audited implementation, Herbie-style: one point per
 * sample, coloured by regime.
 *
 * Axes of the error plots:
 * - x is the first scalar argument on the "float ordinal" scale: sign(x)·(bit pattern of |x|)/2^52,
 *   i.e. the binary exponent plus the significand fraction, offset by 1023, so every binade gets the
 *   same width and −1e300 … −1e−300, 0, 1e−300 … 1e300 are all readable (Herbie's axis). Ticks sit at
 *   powers of ten.
 * - y is the error as bits, log2(1 + ULPs) (docs/error-metric.md#bits-of-error): 0 ULPs is 0 exactly,
 *   each power of two one step; ticks are labelled in ULPs. Infinite errors (NaN, ±∞, throws, wrong
 *   shapes) are drawn on a separate row labelled ∞ above the finite range; the budget is a dashed rule.
 */
import { fmtUlp } from '../audit/baseline.ts';
import type { AuditReport, FunctionResult } from '../audit/run.ts';
import { findEntry } from '../catalogue/index.ts';
import { bitsOf64 } from '../numeric/float.ts';
import type { Decimal } from '../reference/decimal.ts';
import { referenceValue } from '../reference/entry.ts';
import { isTiny, type Num } from '../reference/tiny.ts';
import { toJson } from './json.ts';
import { SUMMARY_HEADER, summaryRows } from './markdown.ts';
import { renderVegaLiteSvg, type TopLevelSpec } from './plot.ts';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const WIDTH = 420;
const HEIGHT = 200;
/** Regime colours (colour-blind-safe Tableau-10 subset), fixed so every plot uses the same legend. */
const REGIME_COLOURS: Record<string, string> = {
  typical: '#4e79a7',
  saturated: '#f28e2b',
  extreme: '#59a14f',
  cancellation: '#e15759',
};

/** HTML-escapes text. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** sign(x)·|bits(x)|/2^52: the float ordinal in binades (1 ↦ 1023, 2 ↦ 1024, 0 ↦ 0). */
export function floatOrdinal(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (!Number.isFinite(x)) return x > 0 ? 2047 : -2047;
  const b = Number(bitsOf64(Math.abs(x))) / 2 ** 52;
  return x < 0 ? -b : b;
}

/** log2(1 + ULPs): the error in bits. */
const bitsOf = (ulps: number) => Math.log2(1 + ulps);

/** Tick positions (ordinals) at signed powers of ten inside [lo, hi], at most ~9 of them. */
function xTicks(lo: number, hi: number): Array<{ at: number; label: string }> {
  const exps = [-300, -200, -100, -30, -10, -3, 0, 3, 10, 30, 100, 200, 300];
  const cands: Array<{ at: number; label: string }> = [{ at: 0, label: '0' }];
  for (const e of exps) {
    const v = 10 ** e;
    const label = e === 0 ? '1' : `1e${e}`;
    cands.push({ at: floatOrdinal(v), label }, { at: floatOrdinal(-v), label: `−${label}` });
  }
  const inside = cands.filter((t) => t.at >= lo && t.at <= hi).sort((a, b) => a.at - b.at);
  // Thin out ticks closer than a twelfth of the axis, keeping 0 and ±1 where present.
  const minGap = (hi - lo) / 12;
  const out: typeof inside = [];
  for (const t of inside) {
    const last = out[out.length - 1];
    if (last === undefined || t.at - last.at >= minGap) out.push(t);
    else if (t.label === '0' || t.label === '1' || t.label === '−1') out[out.length - 1] = t;
  }
  return out;
}

/** A vega expression that maps a tick value to its label through a lookup of known positions. */
function labelExpr(ticks: ReadonlyArray<{ at: number; label: string }>): string {
  const cases = ticks.map((t) => `abs(datum.value - (${t.at})) < 1e-9 ? '${t.label}' : `).join('');
  return `${cases}''`;
}

interface PlotPoint {
  x: number;
  y: number;
  regime: string;
}

/** One error-against-input plot for one (id, subject) result. */
export function errorPlotSpec(r: FunctionResult): TopLevelSpec {
  const finiteBits = r.regimes
    .flatMap((g) => g.points.map(([, u]) => u))
    .filter(Number.isFinite)
    .map(bitsOf);
  const top = Math.max(4, bitsOf(r.budget) + 1, ...finiteBits);
  const infRow = top * 1.12 + 1;
  const xs = r.regimes.flatMap((g) => g.points.map(([x]) => floatOrdinal(x))).filter((x) => !Number.isNaN(x));
  let lo = Math.min(...xs);
  let hi = Math.max(...xs);
  if (!(hi > lo)) {
    lo -= 1;
    hi += 1;
  }
  const pad = (hi - lo) * 0.02;
  lo -= pad;
  hi += pad;
  // Many samples share a pixel: keep one point per regime and pixel (the picture is the same).
  const seen = new Set<string>();
  const values: PlotPoint[] = [];
  for (const g of r.regimes) {
    for (const [x, u] of g.points) {
      const ox = floatOrdinal(x);
      if (Number.isNaN(ox) || Number.isNaN(u)) continue;
      const y = Number.isFinite(u) ? bitsOf(u) : infRow;
      const key = `${g.regime}:${Math.round(((ox - lo) / (hi - lo)) * WIDTH)}:${Math.round((y / infRow) * HEIGHT)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      values.push({ x: ox, y, regime: g.regime });
    }
  }
  const xt = xTicks(lo, hi);
  // ULP ticks at 0 and powers of ten, at least a ninth of the axis apart so the labels never collide.
  const yt: Array<{ at: number; label: string }> = [{ at: 0, label: '0' }];
  for (let e = 0; e <= 300; e++) {
    const at = bitsOf(10 ** e);
    if (at > top) break;
    if (at - (yt[yt.length - 1] as { at: number }).at >= top / 9)
      yt.push({ at, label: e < 4 ? String(10 ** e) : `1e${e}` });
  }
  yt.push({ at: infRow, label: '∞' });
  const regimes = r.regimes.map((g) => g.regime);
  return {
    $schema: SCHEMA,
    width: WIDTH,
    height: HEIGHT,
    title: { text: `${r.subject}: ${r.verdict}, max ${fmtUlp(r.maxUlp)} ULPs`, fontSize: 12, anchor: 'start' },
    layer: [
      {
        data: { values: [{ y: infRow - (infRow - top) / 2 }] },
        mark: { type: 'rule', strokeDash: [2, 2], color: '#bbb' },
        encoding: { y: { field: 'y', type: 'quantitative' } },
      },
      {
        data: { values: [{ y: bitsOf(r.budget) }] },
        mark: { type: 'rule', strokeDash: [6, 3], color: '#555' },
        encoding: { y: { field: 'y', type: 'quantitative' } },
      },
      {
        data: { values },
        mark: { type: 'point', filled: true, size: 14, opacity: 0.75 },
        encoding: {
          x: {
            field: 'x',
            type: 'quantitative',
            scale: { domain: [lo, hi], nice: false, zero: false },
            axis: {
              title: `${firstArgName(r.id)} (float-ordinal scale)`,
              values: xt.map((t) => t.at),
              labelExpr: labelExpr(xt),
              grid: false,
            },
          },
          y: {
            field: 'y',
            type: 'quantitative',
            scale: { domain: [0, infRow * 1.04], nice: false },
            axis: { title: 'error (ULPs, log)', values: yt.map((t) => t.at), labelExpr: labelExpr(yt) },
          },
          color: {
            field: 'regime',
            type: 'nominal',
            scale: { domain: regimes, range: regimes.map((g) => REGIME_COLOURS[g] ?? '#79706e') },
            legend: { orient: 'bottom', title: null, direction: 'horizontal' },
          },
        },
      },
    ],
  };
}

function firstArgName(id: string): string {
  const spec = findEntry(id)?.args[0];
  if (spec === undefined) return 'first argument';
  return spec.kind.endsWith('Vec') ? `${spec.name}[0]` : spec.name;
}

const SE_CURVE = '|∂SE/∂z| (sigmoidSquaredErrorGrad)';
const CE_CURVE = '|∂CE/∂z| (bceWithLogitsGrad)';
const RATIO_CURVE = 'ratio |∂SE|/|∂CE| = 2σ(1 − σ)';

const toNumber = (v: Num): number => (isTiny(v) ? 0 : v.toNumber());

/**
 * The seed's picture: for a sigmoid output with target y = 1, |∂SE/∂z| and |∂CE/∂z| over z, and
 * their ratio (SIG-3: 2σ(z)(1 − σ(z))), each from the catalogue's references — the ratio is the
 * quotient of the two reference values, not a restated formula.
 */
export function seedPlotSpec(): TopLevelSpec | undefined {
  const se = findEntry('sigmoidSquaredErrorGrad');
  const ce = findEntry('bceWithLogitsGrad');
  if (se === undefined || ce === undefined) return undefined;
  const values: Array<{ z: number; value: number; curve: string }> = [];
  // |z| ≤ 30 keeps every value a normal double (|∂SE| ≥ 2e^−60 ≈ 2e−26) on a log axis.
  for (let i = -120; i <= 120; i++) {
    const z = i / 4;
    const a = referenceValue(se, [z, 1]).value as Num;
    const b = referenceValue(ce, [z, 1]).value as Num;
    const absA = Math.abs(toNumber(a));
    const absB = Math.abs(toNumber(b));
    const ratio =
      isTiny(a) || isTiny(b)
        ? Number.NaN
        : (a as Decimal)
            .div(b as Decimal)
            .abs()
            .toNumber();
    values.push({ z, value: absA, curve: SE_CURVE }, { z, value: absB, curve: CE_CURVE });
    if (Number.isFinite(ratio)) values.push({ z, value: ratio, curve: RATIO_CURVE });
  }
  return {
    $schema: SCHEMA,
    width: 560,
    height: 260,
    title: {
      text: 'Gradient of the loss with respect to the logit, sigmoid output, y = 1',
      fontSize: 13,
      anchor: 'start',
    },
    data: { values },
    encoding: {
      x: { field: 'z', type: 'quantitative', axis: { title: 'logit z' } },
      y: {
        field: 'value',
        type: 'quantitative',
        scale: { type: 'log' },
        axis: { title: 'magnitude (log scale)', format: '.0e' },
      },
      color: {
        field: 'curve',
        type: 'nominal',
        scale: { domain: [SE_CURVE, CE_CURVE, RATIO_CURVE], range: ['#e15759', '#4e79a7', '#59a14f'] },
        legend: { orient: 'bottom', title: null, direction: 'vertical', labelLimit: 400 },
      },
    },
    layer: [
      { transform: [{ filter: `datum.curve !== '${RATIO_CURVE}'` }], mark: { type: 'line', strokeWidth: 2 } },
      {
        transform: [{ filter: `datum.curve === '${RATIO_CURVE}'` }],
        mark: { type: 'line', strokeWidth: 2, strokeDash: [5, 3] },
      },
    ],
  };
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:1.5rem auto;max-width:1400px;padding:0 1rem;color:#222}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}h3{font-size:1.05rem;margin:1.2rem 0 .3rem}
.meta{color:#555}code{font:12px ui-monospace,Menlo,Consolas,monospace}
table{border-collapse:collapse;font-size:13px}th,td{border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.num{text-align:right;font-variant-numeric:tabular-nums}
td.input{max-width:28rem;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;font:12px ui-monospace,Menlo,Consolas,monospace}
.v-accurate{color:#2f7d32}.v-ill-conditioned{color:#8a6d00}.v-unstable{color:#c0392b}.v-wrong{color:#c0392b;font-weight:600}
.fail{color:#c0392b;font-weight:600}.plots{display:flex;flex-wrap:wrap;gap:12px}
figure{margin:0;border:1px solid #eee;padding:4px}figcaption{font-size:12px;color:#555;max-width:${WIDTH + 80}px}
nav a{margin-right:.6rem}
`;

function summaryTable(report: AuditReport): string {
  const head = SUMMARY_HEADER.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const rows = summaryRows(report).map((row, i) => {
    const r = report.results[i] as FunctionResult;
    const cells = row.map((c, j) => {
      const cls =
        j === 2 || j === 3 || j === 4
          ? 'num'
          : j === 6
            ? `v-${r.verdict}`
            : j === 7 && !r.pass
              ? 'fail'
              : j === 8
                ? 'input'
                : '';
      const inner = j === 0 ? `<a href="#${escapeHtml(r.id)}">${escapeHtml(c)}</a>` : escapeHtml(c);
      return `<td${cls === '' ? '' : ` class="${cls}"`}${j === 8 ? ` title="${escapeHtml(c)}"` : ''}>${inner}</td>`;
    });
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}

/**
 * Renders the report as a self-contained HTML page. `command` is the command line that produced it
 * (printed for replay). Plots that fail to render are replaced by an error note, never dropped silently.
 */
export async function renderHtmlReport(report: AuditReport, command: string): Promise<string> {
  const parts: string[] = [];
  parts.push('<!doctype html>', '<html lang="en"><head><meta charset="utf-8">');
  parts.push('<meta name="viewport" content="width=device-width,initial-scale=1">');
  parts.push('<title>lossproof audit report</title>', `<style>${CSS}</style></head><body>`);
  parts.push('<h1>lossproof audit report</h1>');
  parts.push(
    `<p class="meta">Produced by <code>${escapeHtml(command)}</code> — seed ${report.seed}, ${report.samples} samples per regime, ${(report.elapsedMs / 1000).toFixed(1)} s, started ${escapeHtml(report.startedAt)}.</p>`,
  );
  parts.push(
    '<p class="meta">Errors are in ULPs of the result format against the exact value (docs/error-metric.md); bits = log2(1 + ULPs). Verdicts: accurate ≤ budget; ill-conditioned ≤ budget·(1 + κ); unstable beyond; wrong = NaN/∞ where finite, or an unstable zero / wrong sign.</p>',
  );
  parts.push('<h2>Summary</h2>', summaryTable(report));

  parts.push('<h2 id="seed">Why cross-entropy for sigmoid outputs</h2>');
  const seed = seedPlotSpec();
  if (seed === undefined) {
    parts.push(
      '<p class="fail">The seed picture needs the catalogue entries sigmoidSquaredErrorGrad and bceWithLogitsGrad.</p>',
    );
  } else {
    parts.push(
      `<figure data-plot="seed">${await renderOrNote(seed)}<figcaption>Exact values from the catalogue's references of <code>sigmoidSquaredErrorGrad</code> and <code>bceWithLogitsGrad</code> at y = 1. For a confidently wrong prediction (z ≪ 0) the squared-error gradient vanishes like 2e^z while the cross-entropy gradient tends to 1; their ratio is 2σ(z)(1 − σ(z)) ≤ ½ (SIG-3).</figcaption></figure>`,
    );
  }

  parts.push('<h2>Error against input</h2>');
  parts.push(
    '<p class="meta">One point per sample: x is the first scalar argument on a float-ordinal axis (every binade the same width), y the error in ULPs on a log axis (0 at the bottom, ∞ for NaN/∞/throws on the top row); the dashed line is the budget. Colours are regimes.</p>',
  );
  const ids = [...new Set(report.results.map((r) => r.id))];
  parts.push(`<nav>${ids.map((id) => `<a href="#${escapeHtml(id)}">${escapeHtml(id)}</a>`).join(' ')}</nav>`);
  for (const id of ids) {
    const rs = report.results.filter((r) => r.id === id);
    const def = findEntry(id)?.definition;
    parts.push(
      `<h3 id="${escapeHtml(id)}">${escapeHtml(id)}${def === undefined ? '' : ` <span class="meta">— ${escapeHtml(def)}</span>`}</h3>`,
    );
    parts.push('<div class="plots">');
    for (const r of rs) {
      const args = toJson(r.worst.args);
      const shown = args.length > 160 ? `${args.slice(0, 159)}…` : args;
      const caption = `${r.subject}, budget ${fmtUlp(r.budget)} ULPs: worst ${fmtUlp(r.maxUlp)} ULPs (${r.worstRegime}) at ${shown}`;
      parts.push(
        `<figure data-plot="${escapeHtml(`${id}/${r.subject}`)}">${await renderOrNote(errorPlotSpec(r))}<figcaption>${escapeHtml(caption)}</figcaption></figure>`,
      );
    }
    parts.push('</div>');
  }
  parts.push('</body></html>');
  return `${parts.join('\n')}\n`;
}

async function renderOrNote(spec: TopLevelSpec): Promise<string> {
  try {
    return await renderVegaLiteSvg(spec);
  } catch (e) {
    return `<p class="fail">plot failed: ${escapeHtml(e instanceof Error ? e.message : String(e))}</p>`;
  }
}
