import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium; never `npx playwright install` (toolchain.md). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

/**
 * A phone-sized page. Taro H5 buttons answer touch, not click: tests tap() (toolchain.md).
 * Browser console errors are collected so a test can show them when it fails.
 */
export async function openMobilePage(
  browser: Browser,
): Promise<{ context: BrowserContext; page: Page; consoleErrors: string[] }> {
  const context = await browser.newContext({
    hasTouch: true,
    isMobile: true,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  // Generous: on a loaded 2-core machine an H5 page with its first API calls can take a while.
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  return { context, page, consoleErrors };
}

/** Work on a fresh phone-sized page whose context is closed afterwards, whatever happens. */
export async function withMobilePage<T>(
  browser: Browser,
  work: (page: Page) => Promise<T>,
): Promise<T> {
  const { context, page } = await openMobilePage(browser);
  try {
    return await work(page);
  } finally {
    await context.close();
  }
}
