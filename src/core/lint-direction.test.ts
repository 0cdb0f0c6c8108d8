import { describe, expect, it } from "vitest";
import { BASE, checkYaml } from "../../test/support/check-yaml.js";

const placed = (d: { code: string; path?: string; line?: number; column?: number }) =>
  `${d.code} ${d.path} ${d.line}:${d.column}`;

describe("direction-control: names and titles hold no text-direction controls", () => {
  it("reports each name or title that holds one, at its field, and nothing in other text", async () => {
    const yaml = `${BASE.replace("name: Tiny", "name: Tiny \u202eynit")
      .replace("    name: Trunk", "    name: \u2066Trunk\u2069")
      .replace("    name: Senior", "    name: Senior\n    title: Senior \u202dEngineer")
      .replace("    name: Craft", "    name: Cr\u202aaft")
      .replace("        name: Code", "        name: Co\u202bde")
      .replace("junior: Writes small changes", "junior: Writes \u202esmall changes")}families:
  - id: eng
    name: Engineering
roles:
  - id: dev
    name: Dev \u2067eloper
    family: eng
    levels: [junior]
`;
    const { diagnostics } = await checkYaml(yaml);
    const found = diagnostics.filter((d) => d.code === "direction-control");
    expect(found.map(placed)).toEqual([
      "direction-control name 3:7",
      "direction-control tracks[0].name 6:11",
      "direction-control levels[1].title 17:12",
      "direction-control areas[0].name 30:11",
      "direction-control areas[0].competencies[0].name 33:15",
      "direction-control roles[0].name 44:11",
    ]);
    expect(found.every((d) => d.severity === "error")).toBe(true);
    expect(found[0]?.message).toBe(
      '"name" holds a text-direction control (U+202E, right-to-left override) at character 6: it would reorder the text shown after it',
    );
  });

  it("right-to-left names are valid: Hebrew and Arabic letters, and the marks U+200E and U+200F", async () => {
    const yaml = BASE.replace("name: Tiny", "name: מסגרת קריירה")
      .replace("    name: Trunk", "    name: مسار\u200f")
      .replace("    name: Senior", "    name: בכיר\u200e (Senior)");
    const { diagnostics } = await checkYaml(yaml);
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });
});
