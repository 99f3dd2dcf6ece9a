import { defineConfig } from '@playwright/test';
import { API_TOKEN, BASE_URL as baseURL, PORT as port, STATE_DIR } from './fixtures/env.js';

// Its own Redis prefix per run, so two checkouts' e2e runs on one machine never share a queue.
const queuePrefix = process.env.SWEEPWISE_E2E_QUEUE_PREFIX ?? 'sweepwise-e2e';

export default defineConfig({
  testDir: './specs',
  outputDir: './artifacts/results',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL,
    screenshot: 'only-on-failure',
    // Debian's Chromium; `playwright install` cannot download browsers here.
    launchOptions: {
      executablePath: process.env.SWEEPWISE_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  webServer: [
    {
      command: `pnpm --filter @sweepwise/web exec next start --hostname 127.0.0.1 --port ${port}`,
      url: `${baseURL}/api/health`,
      // Its own queue prefix: reports it forwards to controllers never reach a real worker's sweeps.
      env: {
        SWEEPWISE_API_TOKEN: API_TOKEN,
        SWEEPWISE_STATE_DIR: STATE_DIR,
        SWEEPWISE_QUEUE_PREFIX: queuePrefix,
      },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // A worker on the same prefix runs the web's promotion requests. No sweep controllers: specs
      // seed sweeps (some 'running') that no controller must take over. No commands either: a
      // spec starts its own --allow-commands worker to show a command sweep waiting for one.
      command: 'node ../apps/worker/dist/main.js',
      wait: { stdout: /connected to Redis/ },
      env: { SWEEPWISE_QUEUE_PREFIX: queuePrefix, SWEEPWISE_CONTROLLERS: '0' },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
  ],
});
