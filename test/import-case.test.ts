/**
 * CASE packages as published elsewhere: criterion levels whose quality is spelled differently or shares a
 * position, items with no statement, and a package wrapped in a `CFPackage` member.
 */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { frameworkToCase } from "../src/export/case-export.js";
import { runImport } from "../src/import/run.js";
import { formatBends } from "../src/import/types.js";
import { memoryFileSystem } from "../src/load/fs-port.js";
import { loadFramework } from "../src/load/load-framework.js";

const DOC = "00000000-0000-4000-8000-000000000001";
const ref = (id: string) => ({ title: "t", identifier: id, uri: `https://cf.example.org/${id}` });
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const item = (n: number, fullStatement: string, code?: string) => ({
  identifier: id(n),
  uri: `https://cf.example.org/${id(n)}`,
  fullStatement,
  ...(code ? { humanCodingScheme: code } : {}),
  lastChangeDateTime: "2024-01-01T00:00:00+00:00",
  CFDocumentURI: ref(DOC),
});
const child = (n: number, of: number, parent: string) => ({
  identifier: id(n),
  uri: `https://cf.example.org/${id(n)}`,
  associationType: "isChildOf",
  originNodeURI: ref(id(of)),
  destinationNodeURI: ref(parent),
  lastChangeDateTime: "2024-01-01T00:00:00+00:00",
});
const cell = (n: number, quality: string, position: number, description: string) => ({
  identifier: id(n),
  uri: `https://cf.example.org/${id(n)}`,
  quality,
  position,
  description,
  lastChangeDateTime: "2024-01-01T00:00:00+00:00",
});
const criterion = (n: number, of: number, levels: ReturnType<typeof cell>[]) => ({
  identifier: id(n),
  uri: `https://cf.example.org/${id(n)}`,
  CFItemURI: ref(id(of)),
  lastChangeDateTime: "2024-01-01T00:00:00+00:00",
  CFRubricCriterionLevels: levels,
});

const PACKAGE = {
  CFDocument: {
    identifier: DOC,
    uri: `https://cf.example.org/${DOC}`,
    title: "Docks",
    creator: "Guild",
    lastChangeDateTime: "2024-01-01T00:00:00+00:00",
  },
  CFItems: [
    item(10, "Rigging", "R"),
    item(11, "Ties knots", "R.1"),
    item(12, "Reads tides", "R.2"),
    item(13, "", "R.3"),
    { ...item(14, "", "R.4"), abbreviatedStatement: " Splices rope " },
    { ...item(15, ""), fullStatement: null },
    { ...item(16, "Hauls cargo", "R.6"), abbreviatedStatement: "Hauls" },
  ],
  CFAssociations: [child(20, 10, DOC), ...[11, 12, 13, 14, 15, 16].map((n) => child(n + 10, n, id(10)))],
  CFRubrics: [
    {
      identifier: id(30),
      uri: `https://cf.example.org/${id(30)}`,
      lastChangeDateTime: "2024-01-01T00:00:00+00:00",
      CFRubricCriteria: [
        criterion(31, 11, [
          cell(40, "Emerging", 1, "Ties with help"),
          cell(41, "Proficient", 2, "Ties alone"),
        ]),
        criterion(32, 12, [
          cell(42, "emerging", 1, "Reads with help"),
          cell(43, "Proficient ", 2, "Reads alone"),
          cell(44, "Expert", 2, "Plans by it"),
        ]),
      ],
    },
  ],
};

const run = (json: unknown, name = "p.json") =>
  runImport("case", [{ name, bytes: new TextEncoder().encode(JSON.stringify(json, null, 1)) }], {});

it("a criterion level never overwrites another: spellings of a quality match, a second on one level is named", async () => {
  const imported = await run(PACKAGE);
  const area = imported.files.find((f) => f.path.startsWith("areas/"))?.text ?? "";
  expect(area).toContain("emerging: Reads with help\n          proficient: Reads alone\n");
  const bends = formatBends(imported.bends);
  expect(bends).toEqual(
    expect.arrayContaining([
      expect.stringMatching(
        /^guessed {2}p\.json:\d+: CFRubrics\[0\]\.CFRubricCriteria\[1\]\.CFRubricCriterionLevels\[2\]: position 2 is named "Proficient" and "Expert": the level is named "Proficient"$/,
      ),
      expect.stringMatching(
        /^dropped {2}p\.json:\d+: CFRubrics\[0\]\.CFRubricCriteria\[1\]\.CFRubricCriterionLevels\[2\]: "Plans by it" \(Expert\) falls on level proficient, which "Reads alone" fills already$/,
      ),
    ]),
  );
});

it("an item without a statement is named by its abbreviatedStatement, else its code, else its identifier; a package wrapped in CFPackage is read", async () => {
  const imported = await run({ CFPackage: PACKAGE }, "w.json");
  const area = imported.files.find((f) => f.path.startsWith("areas/"))?.text ?? "";
  expect(area).toContain("- id: r-3\n        name: R.3\n");
  expect(area).toContain("- id: r-4\n        name: Splices rope\n");
  expect(area).toContain(`- id: ${id(15)}\n        name: ${id(15)}\n`);
  const bends = formatBends(imported.bends);
  expect(bends).toEqual(
    expect.arrayContaining([
      "guessed  w.json: the package is wrapped in a CFPackage member: what it holds is read",
      expect.stringMatching(
        /^guessed {2}w\.json:\d+: CFItems\[3\]: no fullStatement: named by its code "R\.3"$/,
      ),
      expect.stringMatching(
        /^guessed {2}w\.json:\d+: CFItems\[4\]: no fullStatement: named by its abbreviatedStatement "Splices rope"$/,
      ),
      expect.stringMatching(
        /^guessed {2}w\.json:\d+: CFItems\[5\]: no fullStatement: named by its identifier "0{8}-/,
      ),
      // read where it names the item; beside a fullStatement it is not
      expect.stringMatching(
        /^dropped {2}w\.json:\d+: CFItems\[6\]: abbreviatedStatement is not read \(on 1 of 7 items\)$/,
      ),
    ]),
  );
});

it.each(["data-literacy.json", "publisher-escaped.json"])(
  "a package from elsewhere (%s), imported, exported as CASE and imported again, gives the same files",
  async (name) => {
    const bytes = readFileSync(new URL(`./fixtures/import/case/${name}`, import.meta.url));
    const first = await runImport("case", [{ name, bytes: new Uint8Array(bytes) }], {});
    const fs = memoryFileSystem(Object.fromEntries(first.files.map((f) => [`/fw/${f.path}`, f.text])));
    const framework = (await loadFramework("/fw", fs)).framework;
    if (!framework) throw new Error(`${name} did not load`);
    const pkg = JSON.stringify(frameworkToCase(framework, { changed: "2026-01-01T00:00:00Z" }), null, 2);
    const again = await runImport("case", [{ name: "back.json", bytes: new TextEncoder().encode(pkg) }], {});
    expect(again.files).toEqual(first.files);
    // rungs' own package: read from its extension, with nothing guessed or left out
    expect(again.bends).toEqual([]);
  },
);
