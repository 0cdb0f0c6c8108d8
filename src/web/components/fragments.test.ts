import { describe, expect, it } from "vitest";
import { Fragments, fieldsOf, sameData, sameFields } from "./fragments.js";

describe("fragments rendered once per content", () => {
  it("renders an id once while its data stays the same, again when the data changes, and keeps contexts apart", () => {
    const fragments = new Fragments();
    let renders = 0;
    const cell = (text: string) => () => {
      renders++;
      return `<td>${text}</td>`;
    };
    const a = fragments.within("levels: L1, L2");
    expect(a("k1", { text: "x", list: ["a"] }, cell("first"))).toBe("<td>first</td>");
    // equal data in new objects, as a reloaded framework's view data is: kept
    expect(a("k1", { text: "x", list: ["a"] }, cell("not rendered again"))).toBe("<td>first</td>");
    expect(renders).toBe(1);
    // other data under the same id: rendered again, and that is what is kept from then on
    expect(a("k1", { text: "x", list: ["a", "b"] }, cell("second"))).toBe("<td>second</td>");
    expect(a("k1", { text: "x", list: ["a", "b"] }, cell("not rendered again"))).toBe("<td>second</td>");
    expect(renders).toBe(2);
    // the same id within another context (other level names) is another fragment
    const b = fragments.within("levels: L1, L3");
    expect(b("k1", { text: "x", list: ["a", "b"] }, cell("renamed"))).toBe("<td>renamed</td>");
    expect(renders).toBe(3);
    // and the first context is still there
    expect(fragments.within("levels: L1, L2")("k1", { text: "x", list: ["a", "b"] }, cell("x"))).toBe(
      "<td>second</td>",
    );
  });

  it("renders again after it is cleared (a build thread lets its caches go between sections)", () => {
    const fragments = new Fragments();
    let renders = 0;
    const render = () => `<td>${++renders}</td>`;
    expect(fragments.within("c")("k1", { text: "x" }, render)).toBe("<td>1</td>");
    expect(fragments.within("c")("k1", { text: "x" }, render)).toBe("<td>1</td>");
    fragments.clear();
    expect(fragments.within("c")("k1", { text: "x" }, render)).toBe("<td>2</td>");
  });

  it("compares view data member by member, in order", () => {
    expect(sameData({ a: "x", b: [1, { c: true }] }, { a: "x", b: [1, { c: true }] })).toBe(true);
    expect(sameData({ a: "x", b: [1, { c: true }] }, { a: "x", b: [1, { c: false }] })).toBe(false);
    // the order of an object's keys can show in what is rendered from it (rating bands in written order)
    expect(sameData({ meets: "m", exceeds: "e" }, { exceeds: "e", meets: "m" })).toBe(false);
    expect(sameData({ a: undefined }, {})).toBe(false);
    expect(sameData(["a"], { 0: "a" })).toBe(false);
    expect(sameData([1, 2], [1, 2, 3])).toBe(false);
    expect(sameData(null, {})).toBe(false);
    expect(sameData("1", 1)).toBe(false);
  });

  it("compares data of a known shape field by field, and keeps what `keep` makes of a render", () => {
    interface Cell {
      id: string;
      text?: string;
      list?: string[];
    }
    const fields = fieldsOf<Cell>({ id: true, text: true, list: true });
    expect(fields).toEqual(["id", "text", "list"]);
    expect(sameFields<Cell>({ id: "a", list: ["x"] }, { list: ["x"], id: "a" }, fields)).toBe(true);
    // absent and undefined render alike: equal here, where the generic comparison tells them apart
    expect(sameFields<Cell>({ id: "a", text: undefined }, { id: "a" }, fields)).toBe(true);
    expect(sameFields<Cell>({ id: "a", text: "t" }, { id: "a" }, fields)).toBe(false);
    expect(sameFields<Cell>({ id: "a", list: ["x"] }, { id: "a", list: ["y"] }, fields)).toBe(false);
    expect(sameFields<Cell>({ id: "a" }, { id: "b" }, fields)).toBe(false);

    const rows = new Fragments<Cell, Uint8Array>({ same: (a, b) => sameFields(a, b, fields) });
    const row = rows.within("c");
    const bytes = (text: string) => () => new TextEncoder().encode(text);
    const first = row("r1", { id: "a", text: "t" }, bytes("<tr>1</tr>"));
    expect(row("r1", { id: "a", text: "t" }, bytes("<tr>not again</tr>"))).toBe(first);
    expect(new TextDecoder().decode(row("r1", { id: "a", text: "u" }, bytes("<tr>2</tr>")))).toBe(
      "<tr>2</tr>",
    );
  });
});
