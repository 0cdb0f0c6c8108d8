/*
 * The Markdown export: one file per level and role plus an index, and every relative link in every file of
 * every example and shape fixture leads to a file of the export.
 */
import { posix } from "node:path";
import { describe, expect, it } from "vitest";
import { exportedFrameworks, loadClean } from "../../test/support/frameworks.js";
import { indexFramework } from "../core/model.js";
import { frameworkJsonLd, pageJsonLd, scriptSafeJson } from "./jsonld.js";
import { frameworkMarkdown } from "./markdown.js";

/** Every link target in Markdown text (inline links only: the export writes no other kind). */
function linksIn(text: string): string[] {
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] as string);
}

describe.each(exportedFrameworks())("Markdown and JSON-LD of $name", ({ path }) => {
  it("writes a file per level and role plus an index, every link leading to one of them", async () => {
    const index = indexFramework(await loadClean(path));
    const files = frameworkMarkdown(index);
    expect([...files.keys()].sort()).toEqual(
      [
        "index.md",
        ...index.levelOrder.map((id) => `levels/${id}.md`),
        ...[...index.roles.keys()].map((id) => `roles/${id}.md`),
      ].sort(),
    );
    let links = 0;
    for (const [file, text] of files) {
      for (const link of linksIn(text)) {
        links++;
        expect(files.has(posix.join(posix.dirname(file), link)), `${file} → ${link}`).toBe(true);
      }
    }
    expect(links).toBeGreaterThanOrEqual(files.size);
    for (const id of index.levelOrder) {
      const level = index.levels.get(id);
      expect(files.get(`levels/${id}.md`)).toContain(level?.title ?? level?.name);
    }
  });

  it("gives every level and role one Occupation node, the same one a page embeds", async () => {
    const index = indexFramework(await loadClean(path));
    const doc = frameworkJsonLd(index) as { "@graph": Record<string, unknown>[] };
    const occupations = doc["@graph"].filter((n) => n["@type"] === "Occupation");
    expect(occupations).toHaveLength(index.levels.size + index.roles.size);
    const first = index.levelOrder[0] as string;
    const { "@context": context, ...node } = pageJsonLd(index, "level", first) ?? {};
    expect(context).toBe("https://schema.org");
    expect(occupations).toContainEqual(node);
    expect(doc["@graph"][0]).toMatchObject({ "@type": "DefinedTermSet" });
  });
});

describe("JSON inside a script element", () => {
  it("cannot close the element or open a comment, and parses back to the same value", () => {
    const value = { name: "</script><script>alert(1)</script> <!-- & \u2028" };
    const text = scriptSafeJson(value);
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});
