import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// The fault suite's phone (bench/fault.sh, `make fault`): its own folder, so the browser tests
// (playwright.config.ts, ./tests) never run it, and no time limit (1,000 records and their
// replays under faults take minutes; the script has its own per-replay deadline).
export default defineConfig({
  ...base,
  testDir: './fault',
  testMatch: '*.fault.ts',
  globalSetup: './global-setup.ts',
  timeout: 0,
  reporter: [['list']],
  use: { ...base.use, trace: 'off', serviceWorkers: 'allow' },
});
