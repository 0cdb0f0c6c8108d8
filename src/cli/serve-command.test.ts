/*
 * `rungs serve` lets V8 favour memory while the app works (renders) and speed once only kept answers are
 * sent: the flags it sets, in order, as requests come and go.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { expect, it } from "vitest";
import { favourMemoryWhileWorking } from "./serve-command.js";

it("favours memory from the first request the app answers until it has been idle for the quiet time", async () => {
  const flags: string[] = [];
  const working = favourMemoryWhileWorking(60, (f) => flags.push(f));
  expect(flags).toEqual([]);
  // a burst of renders: the flag is set once
  for (let i = 0; i < 5; i++) {
    working();
    await sleep(20);
  }
  expect(flags).toEqual(["--optimize-for-size"]);
  // each request put the quiet time off: the burst, longer than the quiet time, was all under the flag
  await sleep(150);
  expect(flags).toEqual(["--optimize-for-size", "--no-optimize-for-size"]);
  // the next render favours memory again
  working();
  expect(flags.at(-1)).toBe("--optimize-for-size");
  await sleep(150);
  expect(flags).toEqual([
    "--optimize-for-size",
    "--no-optimize-for-size",
    "--optimize-for-size",
    "--no-optimize-for-size",
  ]);
});
