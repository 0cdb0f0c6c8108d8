import { describe, expect, it } from "vitest";
import { JSON_MAX_DEPTH, jsonTooDeepAt } from "./json-depth.js";

describe("jsonTooDeepAt", () => {
  it("hostile: 100,000 nested arrays or objects are found at the line they pass the bound, in one pass", () => {
    expect(jsonTooDeepAt(`[\n\n${"[".repeat(100_000)}${"]".repeat(100_000)}]`)).toBe(3);
    expect(jsonTooDeepAt(`${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`)).toBe(1);
  });

  it("counts only brackets outside strings, escaped quotes included; the bound itself is allowed", () => {
    const atBound = `${"[".repeat(JSON_MAX_DEPTH)}${"]".repeat(JSON_MAX_DEPTH)}`;
    expect(jsonTooDeepAt(atBound)).toBeUndefined();
    expect(jsonTooDeepAt(`[${atBound}]`)).toBe(1);
    expect(jsonTooDeepAt(`["\\"${"[".repeat(200)}"]`)).toBeUndefined();
    expect(jsonTooDeepAt(`{"a": "${"{".repeat(200)}"}`)).toBeUndefined();
  });
});
