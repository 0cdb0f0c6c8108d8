/** quietly: Node's warning about its type stripper is held back while it runs; nothing else is. */
import { expect, it } from "vitest";
import { quietly } from "./snowflake.js";

it("holds back only the stripTypeScriptTypes warning, only while the function runs", () => {
  const seen: string[] = [];
  const original = process.emitWarning;
  const recorder = ((warning: string | Error) => {
    seen.push(typeof warning === "string" ? warning : warning.message);
  }) as typeof process.emitWarning;
  process.emitWarning = recorder;
  try {
    const result = quietly(() => {
      process.emitWarning("stripTypeScriptTypes is an experimental feature", "ExperimentalWarning");
      process.emitWarning(new Error("another warning inside"));
      return 42;
    });
    expect(result).toBe(42);
    expect(process.emitWarning).toBe(recorder);
    const boom = () => {
      throw new Error("boom");
    };
    expect(() => quietly(boom)).toThrow("boom");
    expect(process.emitWarning).toBe(recorder);
    process.emitWarning("stripTypeScriptTypes after");
  } finally {
    process.emitWarning = original;
  }
  expect(seen).toEqual(["another warning inside", "stripTypeScriptTypes after"]);
});
