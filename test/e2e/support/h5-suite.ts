import type { Browser, BrowserContext } from 'playwright-core';

import type { RunningServer } from '../../../server/src/server';
import type { TestDatabase } from '../../../server/test/support/test-databases';
import { launchChromium, openMobilePage } from './browser';
import { startE2eServer, type E2eServer } from './e2e-server';
import { H5Driver } from './h5-driver';
import { BUILD_TIMEOUT_MS, ensureMiniprogramBuild } from './miniprogram-build';

export interface H5App {
  server(): RunningServer;
  driver(): H5Driver;
}

/**
 * For a describe block: the shared H5 build (built once, see miniprogram-build.ts), the server
 * on the suite's database, one Chromium, and a fresh phone-sized page for every test.
 */
export function useH5App(database: () => TestDatabase): H5App {
  let e2e: E2eServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let driver: H5Driver | undefined;
  let consoleErrors: string[] = [];

  beforeAll(async () => {
    const h5Dir = await ensureMiniprogramBuild('h5');
    e2e = await startE2eServer(h5Dir, database());
    browser = await launchChromium();
  }, BUILD_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await e2e?.stop();
  });

  beforeEach(async () => {
    const opened = await openMobilePage(browser as Browser);
    context = opened.context;
    consoleErrors = opened.consoleErrors;
    driver = new H5Driver(opened.page, (e2e as E2eServer).server.url);
  });

  afterEach(async () => {
    const pageErrors = consoleErrors.filter((text) => !text.includes('Failed to load resource'));
    await context?.close();
    // An uncaught exception in the page is a bug even when the journey happened to pass.
    expect(pageErrors).toEqual([]);
  });

  return {
    server: () => (e2e as E2eServer).server,
    driver: () => driver as H5Driver,
  };
}
