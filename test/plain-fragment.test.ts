/**
 * The plain fragment shape (src/load/plain-fragment.ts) is taken without the schema, so it may only ever be
 * narrower than FragmentFile: every value it accepts, the schema accepts. Checked on hand-made values near
 * its edges, and on values drawn at random from a grammar around it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FragmentFile } from "../src/core/schema.js";
import { isPlainFragment } from "../src/load/plain-fragment.js";

const plain = {
  areas: [
    {
      id: "craft",
      name: "Craft",
      summary: "s",
      description: "d",
      note: "n",
      levels: ["junior", "senior"],
      competencies: [
        {
          id: "code",
          name: "Code",
          description: "d",
          levels: ["junior"],
          expectations: { junior: "Writes code.", senior: { statement: "s", elaboration: "e", note: "n" } },
        },
      ],
    },
  ],
};

/** `plain` with `change` made to a copy of it. */
function changed(change: (value: typeof plain & Record<string, unknown>) => void): unknown {
  const value = structuredClone(plain) as typeof plain & Record<string, unknown>;
  change(value);
  return value;
}
// biome-ignore lint/suspicious/noExplicitAny: the cases below break the shape on purpose
const competency = (value: typeof plain) => value.areas[0]?.competencies[0] as any;

describe("isPlainFragment", () => {
  it("accepts the plain shape, which the schema accepts", () => {
    for (const value of [plain, {}, { areas: [] }]) {
      expect(isPlainFragment(value)).toBe(true);
      expect(FragmentFile.safeParse(value).success).toBe(true);
    }
  });

  it.each([
    ["another collection", changed((v) => Object.assign(v, { roles: [] }))],
    ["an unknown field of an area", changed((v) => Object.assign(v.areas[0] as object, { kind: "theme" }))],
    ["an id not written as ids are", changed((v) => Object.assign(competency(v), { id: "Code" }))],
    [
      "a level key not written as ids are",
      changed((v) => Object.assign(competency(v).expectations, { "A b": "x" })),
    ],
    ["a name that is not text", changed((v) => Object.assign(competency(v), { name: null }))],
    ["a competency without expectations", changed((v) => delete competency(v).expectations)],
    [
      "an area without competencies",
      changed((v) => delete (v.areas[0] as { competencies?: unknown }).competencies),
    ],
    ["expectations written as a list", changed((v) => Object.assign(competency(v), { expectations: ["x"] }))],
    [
      "an expectation with criteria",
      changed((v) => Object.assign(competency(v).expectations, { junior: { criteria: ["x"] } })),
    ],
    [
      "an expectation not applicable",
      changed((v) => Object.assign(competency(v).expectations, { junior: { notApplicable: true } })),
    ],
    ["a renamed competency", changed((v) => Object.assign(competency(v), { renamedFrom: ["old"] }))],
    ["a mapping of another class", changed((v) => Object.assign(v.areas, { 0: new Map() }))],
    ["a list for the file", [plain]],
  ])("refuses %s", (_name, value) => {
    expect(isPlainFragment(value)).toBe(false);
  });

  it("accepts nothing the schema refuses (values drawn around the shape)", () => {
    const text = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.constantFrom("junior", "a-b", "A", "", "__proto__"),
    );
    const leaf = fc.oneof(
      text,
      fc.constant(null),
      fc.integer(),
      fc.boolean(),
      fc.array(text, { maxLength: 3 }),
    );
    const fields = (keys: string[], value: fc.Arbitrary<unknown>) =>
      fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: keys.length });
    const expectation = fc.oneof(
      text,
      fields(["statement", "elaboration", "note", "criteria", "step"], leaf),
    );
    const expectations = fc.oneof(fc.dictionary(text, expectation, { maxKeys: 4 }), leaf);
    const comp = fc.oneof(
      fields(["id", "name", "description", "levels", "scale"], leaf).chain((base) =>
        fc.record({ id: text, expectations }).map((more) => ({ ...base, ...more })),
      ),
      leaf,
    );
    const area = fields(["id", "name", "summary", "note", "levels", "kind"], leaf).chain((base) =>
      fc
        .record({ id: text, competencies: fc.oneof(fc.array(comp, { maxLength: 3 }), leaf) })
        .map((more) => ({ ...base, ...more })),
    );
    const file = fc.oneof(
      fc.record({ areas: fc.array(area, { maxLength: 3 }) }),
      fields(["areas", "roles"], leaf),
    );
    let accepted = 0;
    fc.assert(
      fc.property(file, (value) => {
        if (!isPlainFragment(value)) return;
        accepted++;
        expect(FragmentFile.safeParse(value).success).toBe(true);
      }),
      { numRuns: 3000 },
    );
    // the draws must reach the shape often enough to say something
    expect(accepted).toBeGreaterThan(100);
  });
});
