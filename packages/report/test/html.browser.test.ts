// The HTML report opened in a real browser (Debian's chromium through playwright-core): no console errors,
// no requests, charts with a size, nothing wider than the screen at 375 and 1280 px, light, dark and print.
// Screenshots go to test-output/ for a person to look at.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileReport } from '../src/compile.ts';
import { renderHtml } from '../src/render/html.ts';
import { config, fixtureActivity, fixtureGitHubActivity, WINDOW } from './fixture.ts';

const CHROMIUM = '/usr/bin/chromium';
const OUT = path.resolve(import.meta.dirname, '../test-output');
if (!existsSync(CHROMIUM))
  console.warn(`html.browser.test.ts skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);

describe.skipIf(!existsSync(CHROMIUM))('the HTML report in Chromium', () => {
  let browser: Browser;
  const pages: Record<string, string> = {};

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    for (const [name, activity] of [
      ['git', fixtureActivity],
      ['github', fixtureGitHubActivity],
    ] as const) {
      const file = path.join(OUT, `report-${name}.html`);
      writeFileSync(file, renderHtml(compileReport(activity(), { window: WINDOW, config: config() })));
      pages[name] = file;
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  const cases = [
    [375, 'light', 'git'],
    [375, 'dark', 'github'],
    [1280, 'light', 'github'],
    [1280, 'dark', 'git'],
  ] as const;

  it.each(cases)(
    'at %i px, %s: no errors, no requests, charts drawn, nothing overflows',
    async (width, scheme, source) => {
      const page = await browser.newPage({ viewport: { width, height: 800 }, colorScheme: scheme });
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning')
          problems.push(`${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      const requests: string[] = [];
      page.on('request', (request) => {
        if (!request.url().startsWith('file://')) requests.push(request.url());
      });
      await page.goto(`file://${pages[source]}`);
      await page.waitForLoadState('load');

      const charts = await page
        .locator('svg.chart')
        .evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect()).map((r) => ({ w: r.width, h: r.height })));
      expect(charts).toHaveLength(3);
      for (const chart of charts) {
        expect(chart.w).toBeGreaterThan(100);
        expect(chart.h).toBeGreaterThan(40);
      }
      // Runs in the page (a string, so this file needs no DOM types).
      const overflow = (await page.evaluate(`(() => {
      const limit = document.documentElement.clientWidth;
      const wide = [];
      for (const element of document.querySelectorAll('body *')) {
        const box = element.getBoundingClientRect();
        if (box.width > 0 && (box.right > limit + 0.5 || box.left < -0.5)) {
          wide.push(element.tagName.toLowerCase() + '.' + element.className + ' right=' + Math.round(box.right) + ' > ' + limit);
        }
      }
      return { scrollWidth: document.documentElement.scrollWidth, clientWidth: limit, wide: wide.slice(0, 10) };
    })()`)) as { scrollWidth: number; clientWidth: number; wide: string[] };
      expect(overflow.wide).toEqual([]);
      expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.clientWidth);
      // Text from people stayed text.
      expect(await page.locator('script').count()).toBe(0);
      expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
      await page.screenshot({ path: path.join(OUT, `report-${width}-${scheme}.png`), fullPage: true });
      await page.close();
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
    },
  );

  it('prints: light colours, no overflow on an A4 page', async () => {
    const page = await browser.newPage({ viewport: { width: 794, height: 1123 }, colorScheme: 'dark' });
    await page.goto(`file://${pages.git}`);
    await page.emulateMedia({ media: 'print' });
    const background = await page.evaluate('getComputedStyle(document.body).backgroundColor');
    expect(background).toBe('rgb(255, 255, 255)');
    const scroll = await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth');
    expect(scroll).toBe(true);
    await page.pdf({ path: path.join(OUT, 'report-print.pdf'), format: 'A4' });
    await page.screenshot({ path: path.join(OUT, 'report-print.png'), fullPage: true });
    await page.close();
  });
});
