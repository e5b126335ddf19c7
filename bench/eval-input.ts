/**
 * Writes a JSON-lines input for `lossproof eval`: N lines spread evenly over every catalogue id,
 * with arguments from the audit's regime-aware generators (seeded), so timing a large eval run is
 * reproducible as the registry grows:
 *
 *   npx tsx bench/eval-input.ts --lines 10000 --seed 1 > /tmp/eval-10k.jsonl
 *   time ./bin/lossproof.js eval /tmp/eval-10k.jsonl > /dev/null
 */
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { argsFor } from '../src/audit/arbitraries.ts';
import { catalogue } from '../src/catalogue/index.ts';
import { encodeFloat } from '../src/cli/eval.ts';

const { values } = parseArgs({
  options: { lines: { type: 'string', default: '10000' }, seed: { type: 'string', default: '1' } },
});
const total = Number(values.lines);
const seed = Number(values.seed);
const per = Math.ceil(total / catalogue.length);
const out: string[] = [];
for (const entry of catalogue) {
  for (const args of fc.sample(argsFor(entry, { maxK: 8 }), { seed, numRuns: per })) {
    const encoded = args.map((a) => (Array.isArray(a) ? a.map(encodeFloat) : encodeFloat(a as number)));
    out.push(JSON.stringify({ fn: entry.id, args: encoded }));
  }
}
process.stdout.write(`${out.slice(0, total).join('\n')}\n`);
