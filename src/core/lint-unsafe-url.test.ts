import { describe, expect, it } from "vitest";
import { BASE } from "../../test/support/check-yaml.js";
import { memoryFileSystem } from "../load/fs-port.js";
import { loadFramework } from "../load/load-framework.js";
import { lintFramework } from "./lint.js";
import { unsafeUrlIn } from "./lint-unsafe-url.js";

describe("unsafe-url in Markdown, read once the parser is loaded", () => {
  it("keeps its place among the findings of the same walk", async () => {
    // the link is met before the empty title: its finding comes first, as when the parser was loaded up front
    const yaml = `${BASE}sources:
  - id: script
    note: "see [this](javascript:alert(1))"
    title: " "
  - id: fine
    title: Fine
    note: "[a guide](https://example.com/) and <b>bold</b>"
`;
    const loaded = await loadFramework("/fw.yaml", memoryFileSystem({ "/fw.yaml": yaml }));
    if (!loaded.framework) throw new Error("the framework did not load");
    const found = await lintFramework(loaded.framework, loaded.locator);
    expect(found.map((d) => `${d.code} ${d.path}`)).toEqual([
      "unsafe-url sources[0].note",
      "empty-text sources[0].title",
    ]);
  });

  it("a text with link syntax cannot be judged without the reader", () => {
    expect(unsafeUrlIn("url", "javascript:alert(1)")?.message).toContain('"javascript:"');
    expect(unsafeUrlIn("note", "no links here")).toBeUndefined();
    expect(() => unsafeUrlIn("note", "[x](javascript:1)")).toThrow(/link reader/);
  });
});
