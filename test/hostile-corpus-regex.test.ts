/**
 * The regular expressions that read user text, fed 100,000 characters built to make a backtracking pattern
 * retry from every start: framework text through the search index's plain text and the Markdown export,
 * a word diff's change through the page that marks it, an operator's URL through the slash trimming of `--public-url`, `--url` and a CASE export's base. Each
 * must stay linear: a few milliseconds of CPU, where the patterns they replace took 3 to 12 s.
 */
import { describe, expect, it } from "vitest";
import { indexFramework } from "../src/core/model.js";
import { plainText } from "../src/core/search-text.js";
import { withoutTrailingSlashes } from "../src/core/text.js";
import { frameworkToCase } from "../src/export/case-export.js";
import { frameworkMarkdown } from "../src/export/markdown.js";
import { memoryFileSystem } from "../src/load/fs-port.js";
import { loadFramework } from "../src/load/load-framework.js";
import { DiffSide } from "../src/web/components/diff.js";
import { BASE } from "./support/check-yaml.js";

const N = 100_000;
/** CPU for one call, far above what a linear pass over N characters takes, far below the quadratic seconds. */
const BUDGET_MS = 400;

function cpuMs(run: () => unknown): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

describe("plain text for the search index, from 100,000 characters of hostile Markdown", () => {
  const hostile: Record<string, string> = {
    "[ alone": "[".repeat(N),
    "![ alone": "![".repeat(N / 2),
    "[a]( unclosed": "[a](".repeat(N / 4),
    "*a after spaces": " *a".repeat(N / 3),
    "_a after spaces": " _a".repeat(N / 3),
    "**a unclosed": "**a ".repeat(N / 4),
    "<http: unclosed": "<http:".repeat(N / 6),
    backticks: "`a".repeat(N / 2),
  };
  it.each(Object.entries(hostile))("%s", (_name, text) => {
    expect(cpuMs(() => plainText(text))).toBeLessThan(BUDGET_MS);
  });

  it("still reads the Markdown it is for", () => {
    expect(
      plainText("See [the *runbook*](https://x.example/r) and <https://y.example>, **bold** _it_."),
    ).toBe("See the runbook and https://y.example, bold it.");
  });
});

describe("the Markdown export of a name of 100,000 spaces", () => {
  it("writes it in linear time, the spaces kept and a line break made a space", async () => {
    const name = `a${" ".repeat(N)}b\\n${" ".repeat(N)}c`;
    const fs = memoryFileSystem({ "fw.yaml": BASE.replace("    name: Senior", `    name: "${name}"`) });
    const { framework } = await loadFramework("fw.yaml", fs);
    if (!framework) throw new Error("the framework did not load");
    const index = indexFramework(framework);
    let files = new Map<string, string>();
    expect(cpuMs(() => (files = frameworkMarkdown(index)))).toBeLessThan(BUDGET_MS * 2);
    expect(files.get("index.md")).toContain(`[a${" ".repeat(N)}b c](levels/senior.md)`);
  });
});

describe("an operator's URL ending in 100,000 slashes, or with them before its end", () => {
  it("is trimmed in one pass", () => {
    const slashes = "/".repeat(N);
    expect(withoutTrailingSlashes(`https://x.example${slashes}`)).toBe("https://x.example");
    let kept = "";
    expect(cpuMs(() => (kept = withoutTrailingSlashes(`https://x.example${slashes}a`)))).toBeLessThan(50);
    expect(kept).toBe(`https://x.example${slashes}a`);
  });

  it("as a CASE export's base", async () => {
    const { framework } = await loadFramework("fw.yaml", memoryFileSystem({ "fw.yaml": BASE }));
    if (!framework) throw new Error("the framework did not load");
    const baseUri = `https://x.example${"/".repeat(N)}a`;
    let uri = "";
    expect(
      cpuMs(
        () =>
          (uri = frameworkToCase(framework, { baseUri, changed: "2026-01-01T00:00:00+00:00" }).CFDocument
            .uri),
      ),
    ).toBeLessThan(BUDGET_MS);
    expect(uri.startsWith(`${baseUri}/ims/case/v1p1/CFDocuments/`)).toBe(true);
  });
});

describe("a word diff's change of 100,000 spaces between two words", () => {
  it("is marked in linear time, its edge spaces outside the mark", () => {
    const text = ` a${" ".repeat(N)}b `;
    let html = "";
    const render = () => {
      html = String(DiffSide({ parts: [{ op: "add", text }], side: "b", name: "the new version" }));
    };
    expect(cpuMs(render)).toBeLessThan(BUDGET_MS);
    expect(html).toMatch(/^<span class="diff-text"> <ins>/);
    expect(html).toMatch(/b<span class="visually-hidden">]<\/span><\/ins> <\/span>$/);
  });
});
