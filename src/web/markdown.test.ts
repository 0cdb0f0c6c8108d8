import { describe, expect, it } from "vitest";
import { renderInlineMarkdown, renderMarkdown } from "./markdown.js";

describe("framework Markdown", () => {
  it("links http:, https:, mailto: and relative paths, never with a handle on the page", () => {
    expect(renderInlineMarkdown("[guide](https://example.com/a?b=1&c=2)")).toBe(
      '<a href="https://example.com/a?b=1&amp;c=2" rel="noopener noreferrer">guide</a>',
    );
    expect(renderInlineMarkdown("[mail](mailto:people@example.com)")).toContain('href="mailto:');
    expect(renderInlineMarkdown("[senior](../levels/senior/)")).toContain('href="../levels/senior/"');
  });

  it.each([
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](java&#9;script:alert(1))",
    "[x](<java\tscript:alert(1)>)",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "![x](data:image/png;base64,iVBORw0KGgo=)",
    "![x](data:image/svg+xml;base64,PHN2Zz4=)",
    "[x](//evil.example/)",
    "[x](file:///etc/passwd)",
    "<javascript:alert(1)>",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "see //evil.example/path and ftp://files.example.com/",
  ])("renders %j without a link or image", (text) => {
    const out = renderMarkdown(text);
    expect(out).not.toMatch(/<a |<img /);
  });

  it("never lets markup through: raw HTML is text", () => {
    const out = renderMarkdown(
      '<script>alert(1)</script><img src=x onerror="alert(1)"> "\'><svg onload=alert(1)>',
    );
    expect(out).not.toMatch(/<script|<img|<svg/);
    expect(out).toContain("&lt;script&gt;");
  });

  it("a heading in framework text sits below the page's own title and sections (h1 and h2)", () => {
    expect(renderMarkdown("# Mobile\n\n## Scope\n\n###### Deep")).toBe(
      "<h3>Mobile</h3>\n<h4>Scope</h4>\n<h6>Deep</h6>\n",
    );
    expect(renderMarkdown("Mobile\n===")).toBe("<h3>Mobile</h3>\n");
  });
});
