/*
 * CASE 1.1 both ways: every example and shape fixture exports to a package the CASE schema (written down
 * in test/fixtures/case/) accepts, with stable UUIDs, and imports back to an equal framework; a package
 * from elsewhere imports with its guesses named; a bad one gives located errors.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { generateFramework } from "../../bench/generate.js";
import { comparable, exportedFrameworks, loadClean } from "../../test/support/frameworks.js";
import { caseImporter, importCase } from "../import/case.js";
import { checkFrameworkFiles, frameworkFiles } from "../import/write.js";
import { memoryFileSystem } from "../load/fs-port.js";
import { loadFramework } from "../load/load-framework.js";
import { caseJsonChunks, frameworkToCase } from "./case-export.js";
import type { CfPackage } from "./case-types.js";
import { entityUuid, uuidV5 } from "./uuid.js";

const schema = JSON.parse(
  readFileSync(new URL("../../test/fixtures/case/case-1.1.schema.json", import.meta.url), "utf8"),
);
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
const changed = "2026-01-15T09:30:00Z";

function valid(pkg: unknown): string[] {
  return validate(pkg) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe("uuid v5", () => {
  it("matches the RFC 9562 example and is stable per framework and entity", () => {
    // RFC 9562 appendix A.4: "www.example.com" in the DNS namespace
    expect(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe(
      "2ed6657d-e927-568b-95e1-2665a8aea6a2",
    );
    expect(entityUuid("eng", "level", "senior")).toBe(entityUuid("eng", "level", "senior"));
    expect(entityUuid("eng", "level", "senior")).not.toBe(entityUuid("eng", "area", "senior"));
  });
});

describe.each(exportedFrameworks())("CASE round trip of $name", ({ path }) => {
  it("exports a valid CASE 1.1 package and imports it back equal", async () => {
    const framework = await loadClean(path);
    const pkg = frameworkToCase(framework, { changed, baseUri: "https://rungs.example.org/" });
    expect(valid(pkg)).toEqual([]);
    expect(
      JSON.stringify(frameworkToCase(framework, { changed, baseUri: "https://rungs.example.org" })),
    ).toBe(JSON.stringify(pkg));
    // the download is written in pieces: the same characters as the whole string
    expect([...caseJsonChunks(pkg)].join("")).toBe(JSON.stringify(pkg, null, 2));
    const back = importCase(JSON.parse(JSON.stringify(pkg)));
    if (!back.ok) throw new Error(JSON.stringify(back.errors));
    expect(back.bends).toEqual([]);
    expect(back.framework).toEqual(comparable(framework));
  });

  it("imports through `rungs import case` to files rungs check accepts, loading back equal", async () => {
    const framework = await loadClean(path);
    const text = JSON.stringify(frameworkToCase(framework, { changed }), null, 2);
    const imported = await caseImporter.read(
      [{ name: "pkg.json", bytes: new TextEncoder().encode(text) }],
      {},
    );
    expect(imported.bends).toEqual([]);
    const files = frameworkFiles(imported.framework);
    expect((await checkFrameworkFiles(files)).filter((d) => d.severity === "error")).toEqual([]);
    const fs = memoryFileSystem(Object.fromEntries(files.map((f) => [`/out/${f.path}`, f.text])));
    const loaded = await loadFramework("/out", fs);
    expect(loaded.framework).toEqual(comparable(framework));
  });
});

describe("the CASE package in pieces", () => {
  it("gives a large package as JSON.stringify writes it, in bounded pieces", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rungs-case-chunks-"));
    try {
      const fw = generateFramework(join(dir, "fw"), { levels: 6, areas: 4, perArea: 10 });
      const pkg = frameworkToCase(await loadClean(fw.dir), { changed });
      const pieces = [...caseJsonChunks(pkg)];
      expect(pieces.length).toBeGreaterThan(3);
      expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThan(2 * 64 * 1024);
      expect(pieces.join("")).toBe(JSON.stringify(pkg, null, 2));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a CASE package written elsewhere", () => {
  const fixture = JSON.parse(
    readFileSync(new URL("../../test/fixtures/import/case/data-literacy.json", import.meta.url), "utf8"),
  ) as CfPackage;

  it("is itself valid CASE 1.1 (the fixture is what a provider serves)", () => {
    expect(valid(fixture)).toEqual([]);
  });

  it("imports its tree as areas and competencies, its rubric as levels, and names every guess", async () => {
    const result = importCase(fixture);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { framework, bends } = result;
    expect(framework).toMatchObject({
      id: "data-literacy-for-support-teams",
      organization: "Example Support Co",
    });
    expect(framework.levels?.map((l) => [l.id, l.follows ?? []])).toEqual([
      ["beginning", []],
      ["developing", ["beginning"]],
      ["proficient", ["developing"]],
    ]);
    expect(framework.areas?.map((a) => [a.id, a.competencies.map((c) => c.id)])).toEqual([
      ["dl-1", ["dl-1-a", "dl-1-a-i"]],
      ["dl-2", ["dl-2-a"]],
    ]);
    expect(framework.areas?.[1]?.competencies[0]?.expectations).toEqual({
      beginning: "Shares raw numbers.",
      developing: "Adds one sentence of context.",
      proficient: "Leads with the decision the numbers support.",
    });
    expect(bends.map((b) => `${b.kind} ${b.at}`)).toEqual([
      "guessed CFDocument",
      "dropped CFDocument.adoptionStatus",
      "dropped CFDocument.creator",
      "guessed CFItems",
      "guessed CFRubrics",
      "renamed CFItems[0]",
      "renamed CFItems[3]",
      "renamed CFItems[1]",
      "merged CFItems[2]",
      "renamed CFItems[2]",
      "renamed CFItems[4]",
    ]);
    // written as `rungs import` writes it, and checked as `rungs check` would: no errors
    await expect(checkFrameworkFiles(frameworkFiles(framework))).resolves.toBeDefined();
  });

  it("names each item field and association type it does not read, once, with how many hold it", () => {
    const items = fixture.CFItems.map((item, i) => ({
      ...item,
      ...(i < 2 ? { educationLevel: ["09", "10"], abbreviatedStatement: `Short ${i}` } : {}),
    }));
    const [first] = fixture.CFAssociations;
    if (!first) throw new Error("the fixture has associations");
    const matches = Array.from({ length: 3 }, (_, i) => ({
      ...first,
      identifier: `m${i}`,
      associationType: "exactMatchOf",
    }));
    const result = importCase({
      ...fixture,
      CFItems: items,
      CFAssociations: [...fixture.CFAssociations, ...matches],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const n = fixture.CFItems.length;
    expect(result.bends.filter((b) => b.kind === "dropped").map((b) => `${b.at}: ${b.message}`)).toEqual([
      "CFDocument.adoptionStatus: adoptionStatus is not read",
      "CFDocument.creator: creator is not read: the organization is the publisher",
      `CFItems[0]: abbreviatedStatement is not read (on 2 of ${n} items)`,
      `CFItems[0]: educationLevel is not read (on 2 of ${n} items)`,
      `CFAssociations[${fixture.CFAssociations.length}]: exactMatchOf associations are not read (3)`,
    ]);
  });

  it("names an item whose identifier repeats an earlier item's, which it does not read", () => {
    const [first, second] = fixture.CFItems;
    if (!first || !second) throw new Error("the fixture has items");
    const twin = { ...second, identifier: first.identifier, fullStatement: "A twin" };
    const result = importCase({ ...fixture, CFItems: [...fixture.CFItems, twin] });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const items = result.bends.filter((b) => b.kind === "dropped" && b.at.startsWith("CFItems"));
    expect(items.map((b) => `${b.at}: ${b.message}`)).toEqual([
      `CFItems[${fixture.CFItems.length}]: "A twin" has the identifier of CFItems[0] ("${first.fullStatement}"): it is not read`,
    ]);
  });

  it("hostile: 100,000 associations of a type it does not read are one bend, counted in one pass", () => {
    const [first] = fixture.CFAssociations;
    if (!first) throw new Error("the fixture has associations");
    const many = Array.from({ length: 100_000 - fixture.CFAssociations.length }, (_, i) => ({
      ...first,
      identifier: `x${i}`,
      associationType: "isPeerOf",
    }));
    const started = process.cpuUsage();
    const result = importCase({ ...fixture, CFAssociations: [...fixture.CFAssociations, ...many] });
    const cpu = process.cpuUsage(started);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const associations = result.bends.filter(
      (b) => b.kind === "dropped" && b.at.startsWith("CFAssociations"),
    );
    expect(associations.map((b) => b.message)).toEqual([
      `isPeerOf associations are not read (${many.length})`,
    ]);
    expect((cpu.user + cpu.system) / 1e6).toBeLessThan(20);
  });

  it("hostile: a chain of 20,000 items, each the child of the one before, is one area's competencies", () => {
    const [doc, item, link] = [fixture.CFDocument, fixture.CFItems[0], fixture.CFAssociations[0]];
    if (!item || !link) throw new Error("the fixture has items and associations");
    const node = (identifier: string) => ({ ...link.originNodeURI, identifier, uri: `urn:${identifier}` });
    const n = 20_000;
    const items = Array.from({ length: n }, (_, i) => ({
      ...item,
      identifier: `i${i}`,
      humanCodingScheme: `C${i}`,
      fullStatement: `Item ${i}`,
    }));
    const chain = items.map((_, i) => ({
      ...link,
      identifier: `a${i}`,
      associationType: "isChildOf",
      originNodeURI: node(`i${i}`),
      destinationNodeURI: i === 0 ? node(doc.identifier) : node(`i${i - 1}`),
    }));
    const result = importCase({ CFDocument: doc, CFItems: items, CFAssociations: chain });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.framework.areas?.map((a) => [a.id, a.competencies.length])).toEqual([["c0", n - 1]]);
    expect(result.framework.areas?.[0]?.competencies.slice(0, 2).map((c) => c.id)).toEqual(["c1", "c2"]);
  });

  it("gives located errors for a package that is not one, and for content rungs cannot hold", () => {
    expect(importCase({ CFItems: "none" })).toEqual({
      ok: false,
      errors: [
        { at: "package.CFDocument", message: expect.any(String) },
        { at: "package.CFItems", message: expect.any(String) },
      ],
    });
    const broken = structuredClone(fixture);
    (broken.CFItems[1] as { fullStatement: unknown }).fullStatement = 42;
    expect(importCase(broken)).toMatchObject({
      ok: false,
      errors: [{ at: "package.CFItems[1].fullStatement" }],
    });
    const hostile = structuredClone(fixture);
    hostile.CFDocument.extensions = JSON.parse('{"rungs": {"id": "Not An Id", "__proto__": {"x": 1}}}');
    const result = importCase(hostile);
    expect(result).toMatchObject({ ok: false, errors: [{ at: "framework.id" }] });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe("rungs import case", () => {
  it("hostile: 100,000 nested arrays are refused at the line they go too deep, not parsed into a package error", async () => {
    const text = `{\n  "CFDocument":\n${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    const read = caseImporter.read([{ name: "deep.json", bytes: new TextEncoder().encode(text) }], {});
    await expect(read).rejects.toMatchObject({
      problems: [
        { at: { file: "deep.json", line: 3 }, message: expect.stringMatching(/nested deeper than 100/) },
      ],
    });
    // brackets inside a string are text, not nesting
    const quoted = `{"CFDocument": {"title": "${"[{".repeat(100)}"}}`;
    const shallow = caseImporter.read([{ name: "q.json", bytes: new TextEncoder().encode(quoted) }], {});
    await expect(shallow).rejects.toMatchObject({
      problems: [{ message: expect.stringMatching(/^package/) }],
    });
  });

  it("names the line each entity was read from", async () => {
    const bytes = readFileSync(
      new URL("../../test/fixtures/import/case/data-literacy.json", import.meta.url),
    );
    const { provenance } = await caseImporter.read([{ name: "dl.json", bytes }], {});
    expect(provenance.get("areas.dl-2")).toEqual({ file: "dl.json", line: 52 });
    expect(provenance.get("areas.dl-2.competencies.dl-2-a")).toEqual({ file: "dl.json", line: 64 });
    expect(provenance.get("levels.beginning")).toBeUndefined();
  });

  it("locates an item that repeats an identifier at its own line, not the first item's", async () => {
    const pkg = JSON.parse(
      readFileSync(new URL("../../test/fixtures/import/case/data-literacy.json", import.meta.url), "utf8"),
    ) as CfPackage;
    const [first] = pkg.CFItems;
    if (!first) throw new Error("the fixture has items");
    pkg.CFItems.push({ ...first, fullStatement: "A twin" });
    const text = JSON.stringify(pkg, null, 2);
    const mentions = text.split("\n").flatMap((l, i) => (l.includes(`"${first.identifier}"`) ? [i + 1] : []));
    const { bends } = await caseImporter.read(
      [{ name: "twin.json", bytes: new TextEncoder().encode(text) }],
      {},
    );
    expect(bends.find((b) => b.message.includes("A twin"))?.at).toEqual({
      file: "twin.json",
      line: mentions[1],
    });
  });

  it("locates the problem at the line of the object it is in, and writes nothing", async () => {
    const fixture = readFileSync(
      new URL("../../test/fixtures/import/case/data-literacy.json", import.meta.url),
      "utf8",
    );
    const broken = fixture.replace('"fullStatement": "Sharing findings"', '"fullStatement": 7');
    const read = caseImporter.read([{ name: "dl.json", bytes: new TextEncoder().encode(broken) }], {});
    await expect(read).rejects.toMatchObject({
      problems: [
        {
          at: { file: "dl.json", line: 52 },
          message: expect.stringMatching(/^package\.CFItems\[3\]\.fullStatement: /),
        },
      ],
    });
  });
});
