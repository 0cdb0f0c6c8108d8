/*
 * The spreadsheet downloads: the whole framework as the canonical CSV and XLSX that `rungs export` writes,
 * linked from the matrix, level and role pages, and read back by `rungs import` to the same framework.
 */
import { describe, expect, it } from "vitest";
import { exampleApp, get } from "../../../../test/support/app.js";
import { indexFramework } from "../../../core/model.js";
import { runImport } from "../../../import/run.js";

const fetchBytes = async (path: string) => {
  const { app } = await exampleApp();
  const res = await app.request(path);
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
};

describe("CSV and XLSX downloads", () => {
  it("serve the canonical layout, which imports back to the framework served", async () => {
    const { registry } = await exampleApp();
    const served = registry.get("engineering")?.index;
    expect(served).toBeDefined();
    const competencies = served?.competencies.size;
    for (const [format, type] of [
      ["csv", "text/csv; charset=utf-8"],
      ["xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ] as const) {
      const { res, bytes } = await fetchBytes(`/frameworks/engineering/export/framework.${format}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(type);
      expect(res.headers.get("content-disposition")).toBe(
        `attachment; filename="engineering.${format}"; filename*=UTF-8''engineering.${format}`,
      );
      const back = await runImport(format, [{ name: `engineering.${format}`, bytes }], {});
      expect(back.id).toBe("engineering");
      expect(back.stats.competencies).toBe(competencies);
      // built once per version: the second answer is the same bytes
      expect((await fetchBytes(`/frameworks/engineering/export/framework.${format}`)).bytes).toEqual(bytes);
    }
    expect(indexFramework(served?.framework as never).levelOrder.length).toBeGreaterThan(0);
  });

  it("answer an unknown framework 404", async () => {
    const { app } = await exampleApp();
    for (const format of ["csv", "xlsx"])
      expect((await get(app, `/frameworks/nowhere/export/framework.${format}`)).status).toBe(404);
  });

  it("are linked from the matrix, a level and a role page", async () => {
    const { app } = await exampleApp();
    for (const page of [
      "/frameworks/engineering/matrix/",
      "/frameworks/engineering/levels/senior/",
      "/frameworks/engineering/roles/backend-engineer/",
    ]) {
      const { body } = await get(app, page);
      expect(body, page).toContain('href="/frameworks/engineering/export/framework.xlsx"');
      expect(body, page).toContain('href="/frameworks/engineering/export/framework.csv"');
    }
  });
});
