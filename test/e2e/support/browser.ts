/**
 * Launches Debian's Chromium through playwright-core (Playwright's own browser
 * download cannot work here). QUARRY_CHROMIUM or PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH
 * override the path for machines that have Playwright's browser instead.
 */
import { chromium, type Browser } from 'playwright-core';
import { existsSync } from 'node:fs';

export function chromiumPath(): string {
  const fromEnv = process.env.QUARRY_CHROMIUM ?? process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH;
  if (fromEnv) return fromEnv;
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) {
    if (existsSync(p)) return p;
  }
  throw new Error('No Chromium found: install it (apt-get install -y chromium) or set QUARRY_CHROMIUM to its path.');
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}
