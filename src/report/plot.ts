/**
 * Vega-Lite to SVG, headless: the one place reports turn a plot specification into markup.
 *
 * The spec is compiled to Vega and rendered by a `vega.View` with the `none` renderer (no canvas,
 * no DOM: text widths are estimated), then serialised with `toSVG()`. The result is a standalone
 * `<svg>` element that can be inlined into an HTML page with no script and no network access at view
 * time. Data must be inline (`data.values`): nothing is fetched.
 */
import * as vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { compile } from 'vega-lite';

export type { TopLevelSpec } from 'vega-lite';

/**
 * Renders a Vega-Lite spec to an SVG string.
 *
 * Throws when the spec does not compile (vega-lite's own message); vega-lite and vega warnings (a
 * conflicting encoding, a scale domain that collapses) are raised as errors too, so a broken plot never renders silently empty.
 */
export async function renderVegaLiteSvg(spec: TopLevelSpec): Promise<string> {
  const warnings: string[] = [];
  const logger = vega.logger(vega.Warn);
  logger.warn = (...args: readonly unknown[]) => {
    warnings.push(args.map(String).join(' '));
    return logger;
  };
  const compiled = compile(spec, { logger }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logger });
  try {
    const svg = await view.toSVG();
    if (warnings.length > 0) throw new Error(`vega: ${warnings.join('; ')}`);
    return svg;
  } finally {
    view.finalize();
  }
}
