import { join, resolve } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

/** Where the specs write their screenshots, for people to look at (not compared). */
export const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');

/** One screenshot of the page as it is: `<name>.png`. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

/**
 * Screenshots of the current state in both themes (`<name>-dark.png`, `<name>-light.png`). The
 * theme is switched on the page's root class, as the app's toggle does, so open modals can be
 * captured; the theme the page had is restored.
 */
export async function themeShots(page: Page, name: string): Promise<void> {
  const isDark = () =>
    page.evaluate<boolean>("document.documentElement.classList.contains('dark')");
  const flip = async () => {
    await page.evaluate("document.documentElement.classList.toggle('dark')");
    // Buttons and cards fade their colours; capture once the fade is over.
    await page.waitForTimeout(400);
  };
  const first = (await isDark()) ? 'dark' : 'light';
  await page.screenshot({ path: join(ARTIFACTS, `${name}-${first}.png`) });
  await flip();
  await page.screenshot({
    path: join(ARTIFACTS, `${name}-${first === 'dark' ? 'light' : 'dark'}.png`),
  });
  await flip();
}

/**
 * Screenshots in the dark and the light system colour scheme, which the app follows
 * (`<name>-dark.png`, `<name>-light.png`), of the page or of `target`; the page is left dark.
 */
export async function schemeShots(
  page: Page,
  name: string,
  options: { target?: Locator | undefined; unhover?: boolean } = {},
): Promise<void> {
  // No hover highlight in the pictures.
  if (options.unhover) await page.mouse.move(1, 1);
  for (const scheme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('html')).toHaveClass(scheme === 'dark' ? /dark/ : /^(?!.*dark)/);
    // Let the colour transitions finish.
    await page.waitForTimeout(400);
    const path = join(ARTIFACTS, `${name}-${scheme}.png`);
    if (options.target) await options.target.screenshot({ path });
    else await page.screenshot({ path });
  }
  await page.emulateMedia({ colorScheme: 'dark' });
}
