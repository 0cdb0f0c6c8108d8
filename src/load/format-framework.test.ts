import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BASE } from "../../test/support/check-yaml.js";
import { canonicalJson } from "../core/version.js";
import { formatFrameworkText } from "./format-framework.js";
import { memoryFileSystem } from "./fs-port.js";
import { loadFramework } from "./load-framework.js";

const examples = fileURLToPath(new URL("../../examples", import.meta.url));
const yamlFiles = (p: string): string[] =>
  statSync(p).isDirectory()
    ? readdirSync(p).flatMap((n) => yamlFiles(join(p, n)))
    : p.endsWith(".yaml")
      ? [p]
      : [];

const format = (text: string) => {
  const result = formatFrameworkText(text);
  if (!result.ok) throw new Error(result.message);
  return result.text;
};

describe("rungs fmt: the canonical layout", () => {
  it("puts keys in schema order, drops needless quotes, keeps comments with their keys", () => {
    const messy = `# The tiny framework
name: "Tiny"
rungs: 2
version: "2026.1"
id: tiny
tracks:
  - name: Trunk # the only track
    id: trunk
levels:
  # the first rung
  - track: trunk
    name: 'Junior'
    id: junior
`;
    expect(format(messy)).toBe(`# The tiny framework
rungs: 2
id: tiny
name: Tiny
version: "2026.1"
tracks:
  - id: trunk
    name: Trunk # the only track
levels:
  # the first rung
  - id: junior
    name: Junior
    track: trunk
`);
  });

  it("is idempotent and keeps the content of every bundled example", async () => {
    const files = yamlFiles(examples);
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const once = format(text);
      expect(format(once), file).toBe(once);
      if (!/^rungs:/m.test(text) || /^extends:/m.test(text)) continue;
      const [before, after] = await Promise.all(
        [text, once].map((t) => loadFramework("fw.yaml", memoryFileSystem({ "fw.yaml": t }))),
      );
      expect(canonicalJson(after?.framework), file).toBe(canonicalJson(before?.framework));
    }
  });

  it("a file that does not parse is a located error", () => {
    expect(formatFrameworkText("rungs: 2\nname: [Tiny\n")).toMatchObject({
      ok: false,
      line: 2,
      column: 7,
      message: "this [ is never closed",
    });
    // Flow collections lose their inner padding, as in the bundled examples' `[junior]`.
    expect(format(BASE)).toBe(BASE.replace("{ notApplicable", "{notApplicable").replace("team. }", "team.}"));
  });
});
