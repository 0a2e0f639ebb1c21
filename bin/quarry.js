#!/usr/bin/env node
// Runs the compiled CLI (npm run build writes dist/; prepare runs it on npm ci),
// so the installed command needs plain Node and no TypeScript loader.
import '../dist/src/cli/bin.js';
