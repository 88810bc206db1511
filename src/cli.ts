#!/usr/bin/env node
// Entry point of the `outbound` binary. Installed (symlinked) as `sendmail`,
// `mailq` or `newaliases`, it behaves as that program.
import { basename } from 'node:path';

process.env.NODE_ENV ??= 'production';
const { main } = await import('./cli/main.js');
const invokedAs = basename(process.argv[1] ?? 'outbound').replace(/\.(c?m?js|ts)$/, '');
process.exitCode = await main(process.argv.slice(2), invokedAs === 'cli' ? 'outbound' : invokedAs);
