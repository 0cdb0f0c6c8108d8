import { axeViolations, launchBrowser, startServer, watchedPage } from "./test/e2e/harness.js";
const [, , pathsArg, ...pages] = process.argv;
const server = await startServer(pathsArg === "-" ? undefined : pathsArg?.split(","));
const browser = await launchBrowser();
for (const path of pages) {
  const { page, problems } = await watchedPage(browser);
  await page.goto(`${server.url}${path}`);
  await page.waitForLoadState("networkidle");
  const t = Date.now();
  const v = await axeViolations(page);
  await page.setViewportSize({ width: 360, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  console.log(`${path} (${Date.now() - t} ms) overflow360=${overflow} ${problems.join(" ")}`);
  for (const x of v) console.log(`   ${x}`);
  await page.context().close();
}
await browser.close();
await server.close();
