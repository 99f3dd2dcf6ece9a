#!/usr/bin/env node
// The `sweepwise-worker` command: one worker process (see src/main.ts for its settings). It is
// what `sweepwise agent` starts on each machine.
await import('../dist/main.js');
