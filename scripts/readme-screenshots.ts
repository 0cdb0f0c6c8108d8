/** Regenerates the README's screenshots (docs/screenshots/) from the running app in Debian's Chromium. */
import { launchBrowser, startServer } from "../test/e2e/harness.js";

const out = new URL("../docs/screenshots/", import.meta.url).pathname;
const server = await startServer();
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1300 }, deviceScaleFactor: 1 });
  await page.goto(`${server.url}/frameworks/engineering/`);
  await page.locator("figure.ladder").screenshot({ path: `${out}ladder.png` });

  await page.goto(
    `${server.url}/frameworks/engineering/matrix/#pick=code-quality:senior,testing-reliability:mid,system-design:senior,problem-framing:mid,customer-insight:junior&target=lead`,
  );
  await page.waitForSelector(".mirror-summary, [aria-live]");
  await page.waitForTimeout(300);
  await page
    .locator(".matrix-scroll")
    .first()
    .screenshot({ path: `${out}matrix.png` });
  console.log(`wrote ${out}ladder.png and ${out}matrix.png`);
} finally {
  await browser.close();
  await server.close();
}
