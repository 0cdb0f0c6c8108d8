import { delimiter, join } from "node:path";
import { describe, expect, it } from "vitest";
import { BASE, located } from "../../test/support/check-yaml.js";
import { memoryFileSystem, nodeFileSystem } from "./fs-port.js";
import { checkFramework } from "./load-framework.js";
import {
  BUNDLED_SCHEMES_DIR,
  loadOccupations,
  loadSchemeLists,
  SCHEMES_DIR_ENV,
  schemeDirs,
} from "./occupations.js";

const root = new URL("../../", import.meta.url).pathname;
const FIXTURE_SCHEMES = join(root, "test/fixtures/schemes");

describe("schemeDirs", () => {
  it("is the bundled folder, then each folder of RUNGS_SCHEMES_DIR resolved against the working directory", () => {
    expect(schemeDirs({}, "/work")).toEqual([BUNDLED_SCHEMES_DIR]);
    expect(schemeDirs({ [SCHEMES_DIR_ENV]: `lists${delimiter}/abs/more${delimiter}` }, "/work")).toEqual([
      BUNDLED_SCHEMES_DIR,
      "/work/lists",
      "/abs/more",
    ]);
  });
});

describe("loadSchemeLists", () => {
  it("does not read a list over the file size limit, and says so", async () => {
    const fs = memoryFileSystem({ "/a/isco-08.csv": `1,One\n${"#".repeat(5 * 1024 * 1024)}\n` });
    const { schemes, problems } = await loadSchemeLists(fs, ["/a"]);
    expect(schemes.size).toBe(0);
    expect(problems).toEqual(["/a/isco-08.csv: 5.1 MiB, over the limit of 5 MiB for one file; not read"]);
  });

  it("reads every <scheme-id>.csv; a later folder replaces an earlier list of the same scheme", async () => {
    const fs = memoryFileSystem({
      "/a/isco-08.csv": "1,Old\n",
      "/a/README.md": "not a list",
      "/b/isco-08.csv": "2,New\n",
      "/b/acme.jobs.csv": "J1,Job one\n",
    });
    const { schemes, problems } = await loadSchemeLists(fs, ["/a", "/b"]);
    expect([...schemes.keys()].sort()).toEqual(["acme.jobs", "isco-08"]);
    expect([...(schemes.get("isco-08")?.keys() ?? [])]).toEqual(["2"]);
    expect(problems).toEqual([]);
  });

  it("reports a missing user folder, a bad file name and bad rows, and never throws", async () => {
    const fs = memoryFileSystem({ "/a/Bad Name.csv": "1,One\n", "/a/esco.csv": "1,One\n1,Twice\n" });
    const { schemes, problems } = await loadSchemeLists(fs, [BUNDLED_SCHEMES_DIR, "/a", "/missing"]);
    expect([...schemes.keys()]).toEqual(["esco"]);
    expect(problems).toEqual([
      "/a/Bad Name.csv: the file name must be a scheme id followed by .csv, e.g. isco-08.csv",
      '/a/esco.csv:2: code "1" is listed twice; the first row is used',
      `/missing: no such folder (${SCHEMES_DIR_ENV})`,
    ]);
  });
});

describe("loadOccupations", () => {
  it("attaches the scheme lists to the SOC catalog", async () => {
    const catalog = await loadOccupations(nodeFileSystem, {
      schemeDirs: [BUNDLED_SCHEMES_DIR, FIXTURE_SCHEMES],
    });
    expect(catalog.get("15-1252")?.title).toBe("Software Developers");
    expect(catalog.schemes?.get("isco-08")?.get("2512")?.title).toBe("Software development professionals");
    expect(catalog.schemeProblems).toEqual([]);
    const bundled = await loadOccupations(nodeFileSystem, { schemeDirs: [BUNDLED_SCHEMES_DIR] });
    expect(bundled.schemes?.has("isco-08")).toBe(false);
  });

  it("classification-code checks ISCO-08 codes against a loaded list: known, unknown with a suggestion", async () => {
    const occupations = await loadOccupations(nodeFileSystem, { schemeDirs: [FIXTURE_SCHEMES] });
    const yaml = `${BASE}roles:
  - id: backend
    name: Backend Engineer
    family: swe
    levels: [junior, senior]
    classifications:
      - { scheme: isco-08, code: "2512" }
      - { scheme: isco-08, code: "2152" }
families:
  - id: swe
    name: Software engineering
`;
    const result = await checkFramework("fw.yaml", memoryFileSystem({ "fw.yaml": yaml }), { occupations });
    const found = result.diagnostics.filter((d) => d.code === "classification-code");
    expect(located(found)).toEqual(["classification-code@45:34"]);
    expect(found[0]?.message).toBe('"2152" is not a code of isco-08');
    expect(found[0]?.hint).toBe('did you mean "2512" (Software development professionals)?');
  });
});
