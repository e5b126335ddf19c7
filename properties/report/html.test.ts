/**
 * The HTML audit report (src/report/html.ts) rendered from a small real audit and opened in Chromium
 * or Chrome through playwright-core: no console errors, no network requests, every plot present as an
 * SVG with marks. A screenshot is saved under reports/ (git-ignored) for a human to look at.
 *
 * The browser is found by properties/_support/browser.ts ($LOSSPROOF_CHROMIUM, the common install
 * paths, playwright-core's chrome/msedge/chromium channels). With none found the browser test fails
 * under CI (CI=true) and is skipped elsewhere, with the reason and the variable to set.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ownSubjects, runAudit } from '../../src/audit/run.ts';
import { FLOAT64 } from '../../src/numeric/float.ts';
import { floatOrdinal, renderHtmlReport } from '../../src/report/html.ts';
import { BROWSER_ENV, isCI, launchBrowser, SKIP_MESSAGE } from '../_support/browser.ts';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe("floatOrdinal (the error plots' x axis)", () => {
  test('fixed points: 0 ↦ 0, 1 ↦ 1023 (the biased exponent), 2 ↦ 1024, −x ↦ −ordinal(x)', () => {
    expect(floatOrdinal(0)).toBe(0);
    expect(floatOrdinal(1)).toBe(1023);
    expect(floatOrdinal(2)).toBe(1024);
    expect(floatOrdinal(-2)).toBe(-1024);
  });
  // Not strictly: the 2^63 bit patterns of one sign go through a double, so neighbouring inputs can
  // share an ordinal (far below a pixel); what the plot needs is that the order is never reversed.
  test('non-decreasing over the doubles, and strictly increasing from one binade to the next', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (x) => {
        if (x === Number.POSITIVE_INFINITY || Object.is(x, -0)) return;
        expect(floatOrdinal(FLOAT64.nextUp(x))).toBeGreaterThanOrEqual(floatOrdinal(x));
        if (x > 0 && Number.isFinite(2 * x)) expect(floatOrdinal(2 * x)).toBeGreaterThan(floatOrdinal(x));
      }),
    );
  });
});

describe('index.html in Chromium', () => {
  test('renders with no console errors and no network, every plot an SVG with marks', async (ctx) => {
    const launched = await launchBrowser(ARGS);
    if (launched.browser === undefined) {
      if (isCI()) {
        throw new Error(
          `no Chromium/Chrome found on CI (looked at ${launched.tried.join(', ')}): .ci/run must install it (apt-get install -y chromium), or set ${BROWSER_ENV}`,
        );
      }
      console.warn(`index.html in Chromium: ${SKIP_MESSAGE} (looked at ${launched.tried.join(', ')})`);
      return ctx.skip(SKIP_MESSAGE);
    }
    const { browser } = launched;
    try {
      // A small real audit: the naive kernels fail on purpose, so the plots show every verdict.
      const report = runAudit(ownSubjects(['float64', 'naive']), {
        ids: ['sigmoid', 'bceWithLogitsGrad', 'softmax'],
        samples: 12,
        seed: 1,
        maxK: 4,
        climbEvaluations: 10,
      });
      const html = await renderHtmlReport(
        report,
        'lossproof audit --ids sigmoid,bceWithLogitsGrad,softmax --samples 12',
      );
      expect(html).not.toMatch(/<script/i);
      const dir = mkdtempSync(join(tmpdir(), 'lossproof-html-'));
      const file = join(dir, 'index.html');
      writeFileSync(file, html);

      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(file).href);
      mkdirSync(resolve('reports/html-test'), { recursive: true });
      await page.screenshot({ path: resolve('reports/html-test/screenshot.png'), fullPage: true });

      expect(errors).toEqual([]);
      // Self-contained: the page itself is the only request.
      expect(requests).toEqual([pathToFileURL(file).href]);

      const plots = await page.$$eval('figure[data-plot]', (figs) =>
        figs.map((f) => {
          const svg = f.querySelector('svg');
          const box = svg?.getBoundingClientRect();
          return {
            name: f.getAttribute('data-plot'),
            width: box?.width ?? 0,
            points: f.querySelectorAll('g.mark-symbol path').length,
            lines: f.querySelectorAll('g.mark-line path').length,
            failed: f.querySelector('.fail')?.textContent ?? null,
          };
        }),
      );
      expect(plots.map((p) => p.name)).toEqual(['seed', ...report.results.map((r) => `${r.id}/${r.subject}`)]);
      for (const p of plots) {
        expect(p.failed, p.name ?? '').toBeNull();
        expect(p.width, p.name ?? '').toBeGreaterThan(200);
      }
      // The seed picture: three curves (|∂SE/∂z|, |∂CE/∂z|, their ratio).
      expect(plots[0]?.lines).toBe(3);
      // Each error plot: at least one point per regime (pixel-deduplicated), at most one per sample.
      report.results.forEach((r, i) => {
        const p = plots[i + 1]!;
        const samples = r.regimes.reduce((n, g) => n + g.samples, 0);
        // + the legend's one symbol per regime.
        expect(p.points, p.name ?? '').toBeGreaterThanOrEqual(2 * r.regimes.length);
        expect(p.points, p.name ?? '').toBeLessThanOrEqual(samples + r.regimes.length);
      });
    } finally {
      await browser.close();
    }
  });
});
