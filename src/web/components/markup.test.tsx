import { describe, expect, it } from "vitest";
import { cellContentHtml } from "./cell.js";
import { attr, esc, mdBlock, mdInline, mdList } from "./markup.js";

const HOSTILE = `"><script>alert('x')</script>&amp;<img src=x onerror=alert(1)>`;

describe("HTML written as strings", () => {
  it("escapes text and attribute values exactly as JSX does", () => {
    const jsx = String(
      <p title={HOSTILE} data-x="">
        {HOSTILE}
      </p>,
    );
    expect(`<p${attr("title", HOSTILE)}${attr("data-x", "")}>${esc(HOSTILE)}</p>`).toBe(jsx);
    expect(attr("title", undefined)).toBe("");
  });

  it("renders framework text as Markdown with raw HTML off, and nothing for no text", () => {
    expect(mdInline(HOSTILE)).not.toContain("<script");
    expect(mdBlock(HOSTILE)).toMatch(/^<div class="md"><p>&quot;&gt;&lt;script&gt;/);
    expect(mdBlock(undefined) + mdInline("")).toBe("");
    expect(mdList(["*a*", HOSTILE], "x")).toMatch(
      /^<ul class="x"><li><em>a<\/em><\/li><li>&quot;&gt;&lt;script/,
    );
  });

  it("leaves no text of a cell unescaped, in its markers, step and criteria", () => {
    const html = cellContentHtml({
      statement: HOSTILE,
      extras: {
        unchangedFrom: HOSTILE,
        replacedBy: HOSTILE,
        step: { id: "s", name: HOSTILE, scale: HOSTILE, description: HOSTILE, position: 1, of: 2 },
        criteria: [
          {
            id: "1",
            key: HOSTILE,
            text: HOSTILE,
            examples: [HOSTILE],
            ratings: { [HOSTILE]: HOSTILE },
            sources: [],
            from: HOSTILE,
          },
        ],
      },
      anchor: () => HOSTILE,
    });
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain(`id="${esc(HOSTILE)}"`);
    expect(html).toContain(`data-from="${esc(HOSTILE)}"`);
    expect(html).toContain("this level&#39;s own");
  });
});
