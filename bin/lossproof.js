#!/usr/bin/env node
// The `lossproof` executable: the sources are TypeScript, run through tsx's ESM loader.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
await main(process.argv);
