import { describe, expect, it } from "vitest";
import { Fragments } from "./fragments.js";

describe("fragments rendered once per content", () => {
  it("renders a key once, escapes as JSX does, and keeps contexts apart", () => {
    const fragments = new Fragments();
    let renders = 0;
    const cell = (text: string) => () => {
      renders++;
      return <td>{text}</td>;
    };
    const a = fragments.within("levels: L1, L2");
    expect(String(a("k1", cell("<b>")))).toBe("<td>&lt;b&gt;</td>");
    expect(String(a("k1", cell("not rendered again")))).toBe("<td>&lt;b&gt;</td>");
    expect(renders).toBe(1);
    expect(String(a("k2", cell("other")))).toBe("<td>other</td>");
    // the same key within another context (other level names) is another fragment
    const b = fragments.within("levels: L1, L3");
    expect(String(b("k1", cell("renamed")))).toBe("<td>renamed</td>");
    expect(renders).toBe(3);
    // and the first context is still there
    expect(String(fragments.within("levels: L1, L2")("k1", cell("x")))).toBe("<td>&lt;b&gt;</td>");
  });
});
