/*
 * The CASE service and the downloads, through the app over the bundled examples: every answer is what the
 * export writes (valid against the CASE 1.1 schema of test/fixtures/case/), found by its stable UUID; unknown
 * and malformed ids are problems; the level, role and matrix pages link the downloads and embed their
 * JSON-LD node, escaped.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { exampleApp, get, pathsApp } from "../../../../test/support/app.js";
import type { CfPackage } from "../../../export/case-types.js";
import { pageJsonLd } from "../../../export/jsonld.js";
import { entityUuid } from "../../../export/uuid.js";

const schema = JSON.parse(
  readFileSync(new URL("../../../../test/fixtures/case/case-1.1.schema.json", import.meta.url), "utf8"),
);
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
const CASE = "/ims/case/v1p1";

describe("the CASE 1.1 endpoints", () => {
  it("list every framework, serve its package, items, associations and rubric by UUID", async () => {
    const { app } = await exampleApp();
    const docs = await get(app, `${CASE}/CFDocuments`);
    expect(docs.status).toBe(200);
    const { CFDocuments } = JSON.parse(docs.body) as { CFDocuments: { identifier: string; title: string }[] };
    expect(CFDocuments.map((d) => d.title)).toEqual([
      "Engineering Career Framework",
      "Larkspur Product Engineering Matrix",
    ]);

    const docId = entityUuid("engineering", "document");
    const res = await get(app, `${CASE}/CFPackages/${docId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBeTruthy();
    const pkg = JSON.parse(res.body) as CfPackage;
    expect(validate(pkg) ? [] : validate.errors).toEqual([]);
    expect(pkg.CFDocument.uri).toBe(`http://localhost${CASE}/CFDocuments/${docId}`);

    const senior = await get(app, `${CASE}/CFItems/${entityUuid("engineering", "level", "senior")}`);
    expect(JSON.parse(senior.body)).toMatchObject({
      CFItemType: "Level",
      humanCodingScheme: "senior",
      fullStatement: "Senior",
      alternativeLabel: "Senior Software Engineer",
    });
    const ladder = pkg.CFAssociations.find((a) => a.associationType === "precedes");
    const association = await get(app, `${CASE}/CFAssociations/${ladder?.identifier.toUpperCase()}`);
    expect(JSON.parse(association.body)).toEqual(ladder);
    const rubric = await get(app, `${CASE}/CFRubrics/${pkg.CFRubrics?.[0]?.identifier}`);
    expect(JSON.parse(rubric.body)).toEqual(pkg.CFRubrics?.[0]);
  });

  it("answers an unknown id 404 and a malformed one 422, as problem+json, and not across kinds", async () => {
    const { app } = await exampleApp();
    const level = entityUuid("engineering", "level", "senior");
    for (const path of [
      `${CASE}/CFRubrics/${level}`,
      `${CASE}/CFItems/${entityUuid("nowhere", "level", "x")}`,
    ]) {
      const res = await get(app, path);
      expect(res.status, path).toBe(404);
      expect(res.type).toContain("application/problem+json");
    }
    const bad = await get(app, `${CASE}/CFItems/senior`);
    expect(bad.status).toBe(422);
    expect(JSON.parse(bad.body)).toMatchObject({ errors: [{ field: "id" }] });
  });
});

describe("downloads and embedded JSON-LD", () => {
  it("serves the package, the JSON-LD and linked Markdown files for a framework", async () => {
    const { app } = await exampleApp();
    const pkg = await get(app, "/frameworks/engineering/export/case.json");
    expect(pkg.headers.get("content-disposition")).toBe(
      `attachment; filename="engineering-case.json"; filename*=UTF-8''engineering-case.json`,
    );
    expect(validate(JSON.parse(pkg.body))).toBe(true);
    const ld = await get(app, "/frameworks/product-matrix/export/framework.jsonld");
    expect(ld.type).toContain("application/ld+json");
    expect(JSON.parse(ld.body)).toMatchObject({ "@context": "https://schema.org" });
    const md = await get(app, "/frameworks/engineering/export/levels/senior.md");
    expect(md.type).toContain("text/markdown");
    expect(md.body).toContain("# Senior Software Engineer");
    expect(md.body).toContain("](../roles/backend-engineer.md)");
    expect((await get(app, "/frameworks/engineering/export/roles/backend-engineer.md")).status).toBe(200);
    expect((await get(app, "/frameworks/engineering/export/index.md")).body).toContain("(levels/senior.md)");
    expect((await get(app, "/frameworks/engineering/export/levels/nobody.md")).status).toBe(404);
  });

  it("links the downloads from the level, role and matrix pages and embeds the page's node", async () => {
    const { app, registry } = await exampleApp();
    const index = registry.get("engineering")?.index;
    if (!index) throw new Error("no engineering example");
    const level = await get(app, "/frameworks/engineering/levels/senior/");
    expect(level.body).toContain('href="/frameworks/engineering/export/levels/senior.md"');
    expect(level.body).toContain('href="/frameworks/engineering/export/case.json"');
    const script = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(level.body)?.[1];
    expect(JSON.parse(script ?? "null")).toEqual(pageJsonLd(index, "level", "senior"));
    const role = await get(app, "/frameworks/engineering/roles/backend-engineer/");
    expect(role.body).toContain('href="/frameworks/engineering/export/roles/backend-engineer.md"');
    expect(role.body).toContain('"@type":"Occupation"');
    expect(role.body).toContain('"occupationalCategory"');
    const matrix = await get(app, "/frameworks/engineering/matrix/");
    expect(matrix.body).toContain('href="/frameworks/engineering/export/framework.jsonld"');
    expect(matrix.body).toContain('"@type":"DefinedTermSet"');
  });
});

describe("CASE identifiers and change times of frameworks served together", () => {
  it("two frameworks with one id get different UUIDs, each its files' change time", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rungs-case-"));
    const copies = ["a", "b"].map((name) => join(dir, name));
    const times = [new Date("2026-03-04T05:06:07Z"), new Date("2026-09-10T11:12:13Z")];
    for (const [i, copy] of copies.entries()) {
      cpSync(fileURLToPath(new URL("../../../../examples/engineering", import.meta.url)), copy, {
        recursive: true,
      });
      const when = times[i] as Date;
      for (const file of readdirSync(copy, { recursive: true, encoding: "utf8" }))
        utimesSync(join(copy, file), when, when);
    }
    try {
      const { app } = await pathsApp(copies);
      const { CFDocuments } = JSON.parse((await get(app, `${CASE}/CFDocuments`)).body) as {
        CFDocuments: { identifier: string; lastChangeDateTime: string }[];
      };
      // the first keeps the UUIDs every export gives it; the second is told apart by its served id
      expect(CFDocuments.map((d) => d.identifier)).toEqual([
        entityUuid("engineering", "document"),
        entityUuid("engineering-2", "document"),
      ]);
      expect(CFDocuments.map((d) => d.lastChangeDateTime)).toEqual([
        "2026-03-04T05:06:07Z",
        "2026-09-10T11:12:13Z",
      ]);
      const second = await get(app, `${CASE}/CFItems/${entityUuid("engineering-2", "level", "senior")}`);
      expect(JSON.parse(second.body)).toMatchObject({ humanCodingScheme: "senior" });
      const page = await get(app, "/frameworks/engineering-2/levels/senior/");
      expect(page.body).toContain(entityUuid("engineering-2", "level", "senior"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
