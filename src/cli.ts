#!/usr/bin/env node
// Entry point of the `outbound` binary.
process.env.NODE_ENV ??= 'production';
const { main } = await import('./cli/main.js');
process.exitCode = await main(process.argv.slice(2));
