import type { Locator, Page } from 'playwright-core';

/**
 * Drives the Taro H5 build. Taro keeps earlier pages of the stack in the DOM (hidden), so every
 * control has an id unique across pages; Taro components wrap the real <input>, so text goes to
 * `#id input`. Buttons answer touch: tap(), never click() (toolchain.md).
 */
export class H5Driver {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  byId(id: string): Locator {
    return this.page.locator(`#${id}`);
  }

  async open(route = ''): Promise<void> {
    await this.page.goto(`${this.baseUrl}/h5/${route ? `#${route}` : ''}`);
  }

  async tap(id: string): Promise<void> {
    await this.byId(id).tap();
  }

  async fill(id: string, value: string): Promise<void> {
    await this.page.locator(`#${id} input`).fill(value);
  }

  async setSwitch(id: string, on: boolean): Promise<void> {
    const input = this.page.locator(`#${id} input`);
    if ((await input.isChecked()) !== on) await input.tap();
    await this.page.waitForFunction(
      ([selector, wanted]) =>
        (document.querySelector(selector as string) as HTMLInputElement | null)?.checked === wanted,
      [`#${id} input`, on] as const,
    );
  }

  /** Opens a Taro picker and accepts the value it shows (the picker's default). */
  async acceptPicker(id: string): Promise<void> {
    await this.tap(id);
    // Each picker keeps its own (hidden) overlay in the DOM: take the one showing.
    const confirm = this.page
      .locator('.weui-picker__action', { hasText: '确定' })
      .filter({ visible: true });
    await confirm.tap();
    await confirm.waitFor({ state: 'hidden' });
  }

  /** Taro's H5 showModal: tap the button with this text. */
  async answerModal(buttonText: string): Promise<void> {
    const button = this.page
      .locator('.taro-modal__foot .taro-model__btn', { hasText: buttonText })
      .filter({ visible: true });
    await button.tap();
    await button.waitFor({ state: 'hidden' });
  }

  /** Waits for the app to reach `route`; on timeout, says which error the page showed. */
  async waitForRoute(route: string): Promise<void> {
    try {
      await this.page.waitForURL((url) => url.hash.startsWith(`#${route}`));
    } catch (error) {
      const shown = await this.page
        .locator('.form-error')
        .filter({ visible: true })
        .allTextContents();
      throw new Error(
        `never reached ${route}; at ${this.page.url()}, errors shown: ${JSON.stringify(shown)}`,
        { cause: error },
      );
    }
  }

  /** The member session token the app keeps in Taro storage (localStorage in H5). */
  async sessionToken(): Promise<string | undefined> {
    const stored = await this.page.evaluate(() => localStorage.getItem('memberkit.session'));
    if (!stored) return undefined;

    const { data } = JSON.parse(stored) as { data?: unknown };
    return typeof data === 'string' && data ? data : undefined;
  }

  /**
   * A screenshot of the whole current page. Taro H5 scrolls inside the page element, so for the
   * shot the page is let out to its full height and the document scrolls instead.
   */
  async screenshot(path: string): Promise<void> {
    const style = await this.page.addStyleTag({
      content:
        'html, body, #app, .taro_router, .taro_page { height: auto !important; ' +
        'overflow: visible !important; }',
    });
    // Pages of the stack that are not showing sit translated off to the right: clip them out.
    const height = await this.page.evaluate(() => document.documentElement.scrollHeight);
    const width = this.page.viewportSize()?.width ?? 390;
    await this.page.screenshot({ path, fullPage: true, clip: { x: 0, y: 0, width, height } });
    await style.evaluate((element) => element.parentNode?.removeChild(element));
  }
}
