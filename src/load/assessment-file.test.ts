import { describe, expect, it } from "vitest";
import { parseAssessmentFile } from "./assessment-file.js";

describe("parseAssessmentFile", () => {
  it("refuses a tag outside YAML's core schema wherever it is, located at the tag", () => {
    const cases: [string, string, number, number][] = [
      ["picks:\n  planning: !!js/function 'function () {}'\n", "!!js/function", 2, 13],
      ["picks: !foo\n  planning: mid\n", "!foo", 1, 8],
      ["!!binary picks:\n  planning: mid\n", "!!binary", 1, 1],
      [
        "picks: { planning: mid }\ntarget: !<tag:example.com,2026:level> lead\n",
        "tag:example.com,2026:level",
        2,
        9,
      ],
    ];
    for (const [text, tag, line, column] of cases) {
      expect(parseAssessmentFile(text)).toEqual({
        ok: false,
        problem: { message: `the tag ${tag} is not supported here: remove it`, line, column },
      });
    }
  });

  it("reads the core schema's tags as what they say", () => {
    const parsed = parseAssessmentFile("picks: !!map\n  planning: !!str mid\ntarget: ! lead\n");
    expect(parsed.ok && parsed.file.picks.map((p) => [p.competency.value, p.level.value])).toEqual([
      ["planning", "mid"],
    ]);
    expect(parsed.ok && parsed.file.target?.value).toBe("lead");
  });
});
