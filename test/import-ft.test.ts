/**
 * The FT's older competencies list, hostile: 10,000 entries each naming a level of its own, ten times the
 * bound. At 100,000 the case spent ~8 s of CPU in the YAML parse alone (inside the 500,000-entry bound the
 * reader holds files to), in the fast loop's project; what it holds, the stop at the 1,001st level, is the same.
 */
import { expect, it } from "vitest";
import { runImport } from "../src/import/run.js";
import { ImportError } from "../src/import/types.js";

it("hostile: 10,000 levels named by the lines of an older competencies list stop at the 1,001st, at its line", async () => {
  const lines = Array.from({ length: 10_000 }, (_, i) => `- level: l${i}\n  area: a\n  summary: s\n`).join(
    "",
  );
  const started = process.cpuUsage();
  const error = await runImport("ft", [{ name: "c.yml", bytes: new TextEncoder().encode(lines) }], {}).catch(
    (e) => e,
  );
  const cpu = process.cpuUsage(started);
  expect(error).toBeInstanceOf(ImportError);
  // line 3,001 names the 1,001st level (three lines each)
  expect((error as ImportError).message).toBe(
    "c.yml:3001: 10,000 levels, more than the 1,000 an imported framework may hold",
  );
  expect((cpu.user + cpu.system) / 1000).toBeLessThan(5_000);
});
