/** Flow's type aliases blanked, positions kept, the data around them untouched; hostile input stays cheap. */
import { expect, it } from "vitest";
import { blankFlowAliases } from "./flow-types.js";

it("blanks each alias (exported, opaque, generic, over several lines) and nothing else", () => {
  const text = [
    "type Tracks = {|",
    "  'A & B': Track,",
    "|}",
    "export type Id = $Keys<Tracks>",
    "export opaque type Level<T> = { [Id]: ?T };",
    "type Step =",
    "  | 'one'",
    "  | 'two'",
    "export const type = { type: 'kept' }",
    "const x = 1",
  ].join("\n");
  const blanked = blankFlowAliases(text);
  expect(blanked.length).toBe(text.length);
  expect(blanked.split("\n").map((l) => l.trim())).toEqual([
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "export const type = { type: 'kept' }",
    "const x = 1",
  ]);
});

it("hostile: what does not tokenize comes back as it was; deep nesting costs no recursion", () => {
  expect(blankFlowAliases("type A = 'never closed")).toBe("type A = 'never closed");
  const deep = `type A = ${"{".repeat(20_000)}\nconst b = 2\n`;
  const started = process.cpuUsage();
  expect(blankFlowAliases(deep).trim()).toBe("");
  expect(process.cpuUsage(started).user / 1000).toBeLessThan(2_000);
});
