/**
 * Updates the README's screenshots (docs/screenshots/) from the pictures the browser tests keep: the first
 * screen of a few main page kinds at 1280 px (test-results/screenshots/<kind>-1280-top.png, written by
 * checkPageKind in test/e2e/page-kinds.test.ts and charts.test.ts), shrunk to half size in Debian's
 * Chromium so the PNGs stay small. Run the browser tests first, then `npm run screenshots:readme`.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { launchBrowser, SCREENSHOTS } from "../test/e2e/harness.js";

/** README picture ← the page kind it shows. */
export const README_PICTURES: [picture: string, kind: string][] = [
  ["ladder", "ladder"],
  ["level", "level"],
  ["matrix", "mirror"],
  ["role", "role"],
  ["home", "home"],
];
const WIDTH = 640;

const out = new URL("../docs/screenshots/", import.meta.url).pathname;
const missing = README_PICTURES.map(([, kind]) => join(SCREENSHOTS, `${kind}-1280-top.png`)).filter(
  (f) => !existsSync(f),
);
if (missing.length) {
  console.error(
    `missing (run npx vitest run test/e2e/page-kinds.test.ts test/e2e/charts.test.ts):\n${missing.join("\n")}`,
  );
  process.exit(1);
}
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: WIDTH, height: 600 }, deviceScaleFactor: 1 });
  for (const [picture, kind] of README_PICTURES) {
    const png = readFileSync(join(SCREENSHOTS, `${kind}-1280-top.png`)).toString("base64");
    await page.setContent(
      `<body style="margin:0"><img alt="" width="${WIDTH}" src="data:image/png;base64,${png}"></body>`,
    );
    await page.locator("img").screenshot({ path: join(out, `${picture}.png`) });
    console.log(`wrote ${join(out, `${picture}.png`)}`);
  }
} finally {
  await browser.close();
}
