import { BrowserContext, chromium, Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, chromiumArgs } from '../chromium';
import { serverUp } from './helpers';

// Phones for the offline specs: a browser of their own with a profile on disk, so that closing
// one and launching it again is a browser restart (the outbox and the kept pages survive).

export const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:3000';

/** A phone whose profile lives in `dir`: closing it and launching again is a browser restart. */
export async function launchPhone(dir: string): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    args: chromiumArgs,
    baseURL: BASE,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    // A phone in China: the worker's own pages (outbox, banner) show the phone's clock.
    timezoneId: 'Asia/Shanghai',
    serviceWorkers: 'allow',
  });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  return { ctx, page };
}

/**
 * The phones of one test, their profiles in a new temporary folder: `launch(name)` starts (or
 * restarts) the phone `name`; `done()`, for the test's `finally`, closes every phone still open,
 * brings the server back (a failed test may have left it down) and removes the profiles.
 */
export function phoneProfiles(prefix: string) {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const open = new Set<BrowserContext>();
  return {
    async launch(name: string): Promise<{ ctx: BrowserContext; page: Page }> {
      const phone = await launchPhone(join(root, name));
      open.add(phone.ctx);
      phone.ctx.on('close', () => open.delete(phone.ctx));
      return phone;
    },
    async done() {
      for (const ctx of [...open]) await ctx.close().catch(() => {});
      serverUp();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
