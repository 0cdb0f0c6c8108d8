/*
 * Holding the shape of Node's tick objects (holdTickShape): a collection of all garbage while the process is
 * quiet, as settleWhenQuiet runs, must leave process.nextTick building its tick objects on its fast path.
 * Each case runs in a fresh Node: what V8 gave up on in this shared test worker it never takes back.
 */
import { execFile } from "node:child_process";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const settleModule = pathToFileURL(new URL("./settle.ts", import.meta.url).pathname).href;

/**
 * In a fresh Node: 2,000 nextTick callbacks, a collection of all garbage once none has run for a while,
 * 2,000 more; what V8 remembers of the shapes at each key of nextTick's tick object literal after each batch,
 * read with its own %GetFeedback (a fuzzing aid, behind the two flags given): MONOMORPHIC while it has seen
 * one shape, MEGAMORPHIC once it gave up on the literal.
 */
async function tickLiteralFeedback(hold: boolean): Promise<{ before: string[]; after: string[] }> {
  const script = `
    const { collectAll, holdTickShape } = await import(${JSON.stringify(settleModule)});
    if (${hold}) holdTickShape();
    const ticks = (count) => new Promise((resolve) => {
      let left = count;
      const next = () => (--left > 0 ? process.nextTick(next) : setImmediate(resolve));
      process.nextTick(next);
    });
    const feedback = () => (%GetFeedback(process.nextTick) ?? []).flatMap((slot) =>
      Array.isArray(slot) && slot[0] === "DefineKeyedOwnPropertyInLiteral" ? [String(slot[1])] : []);
    await ticks(2000);
    const before = feedback();
    // quiet first, as settleWhenQuiet collects: V8's compiler threads, which hold the shapes while they
    // optimize nextTick, done (collected at once, the shapes outlived it in half the runs without a hold)
    await new Promise((resolve) => setTimeout(resolve, 200));
    collectAll();
    await ticks(2000);
    process.stdout.write(JSON.stringify({ before, after: feedback() }));
  `;
  const flags = ["--allow-natives-syntax", "--fuzzing", "--import", "tsx", "--input-type=module"];
  const { stdout } = await promisify(execFile)(process.execPath, [...flags, "-e", script]);
  return JSON.parse(stdout);
}

it("keeps process.nextTick's tick objects on one shape through a collection of all garbage while quiet", async () => {
  const held = await tickLiteralFeedback(true);
  expect(held.before.length).toBeGreaterThan(0);
  expect(new Set(held.before)).toEqual(new Set(["MONOMORPHIC"]));
  expect(held.after).toEqual(held.before);
  // what it prevents: without a tick object held, the shapes go with the collection and V8 gives up
  const unheld = await tickLiteralFeedback(false);
  expect(new Set(unheld.before)).toEqual(new Set(["MONOMORPHIC"]));
  expect(unheld.after).toContain("MEGAMORPHIC");
});
