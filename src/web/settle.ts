import { executionAsyncResource } from "node:async_hooks";

/**
 * Memory a burst of rendering leaves behind, handed back once the burst is over. Rendering every page of the
 * examples leaves V8 with a young generation grown to its cap (16 MiB with --max-semi-space-size=8), old
 * space with room to grow, and freed buffers' memory still held by malloc: 150-159 MB resident where what is
 * kept needs about 135. One full collection that asks V8 for everything it can give back (the one it runs
 * itself before giving up on memory: compaction, a shrunk young generation, memory returned to the system)
 * brings it to 135 MB for ~100-200 ms of CPU, once. It replaces V8's --optimize-for-size, which held the
 * memory down by running every collection that way and with it made each kept answer cost 58 against
 * 42-43 µs of CPU (the node:http floor: 41; example matrix, 6 same-run interleaved rounds, loaded machine). Kept answers never
 * start the wait: only an answer the app had to make (a page rendered, someone's own page) does.
 */

/**
 * How much V8's old generation and the buffers outside it must have grown since the last settling for the
 * next: a pause after someone's own page, which keeps nothing, costs no collection, and the young
 * generation, which kept answers under load grow back to its cap, is not counted.
 */
const GROWN_BYTES = 8 * 1024 * 1024;

/** V8's heap without its young generation, plus the memory buffers hold outside it. */
function heldBeyondYoung(): number {
  const { heapTotal, external } = process.memoryUsage();
  const spaces = process.getBuiltinModule("node:v8").getHeapSpaceStatistics();
  const young = spaces.find((space) => space.space_name === "new_space")?.space_size ?? 0;
  return heapTotal - young + external;
}

type CollectAll = (options: { type: "major"; execution: "sync"; flavor: "last-resort" }) => void;
let collector: CollectAll | undefined;

/**
 * V8's collection of all available garbage. Node has no call for it; V8's `gc` function, made on request
 * for a context created while --expose-gc is set, has: the flag is set only for that moment, so the app's
 * own global object never gets a `gc`.
 */
export function collectAll(): void {
  if (!collector) {
    const v8 = process.getBuiltinModule("node:v8");
    v8.setFlagsFromString("--expose-gc");
    try {
      collector = process.getBuiltinModule("node:vm").runInNewContext("gc") as CollectAll;
    } finally {
      v8.setFlagsFromString("--no-expose-gc");
    }
  }
  collector({ type: "major", execution: "sync", flavor: "last-resort" });
}

export interface Settler {
  /** An answer the app made: memory is settled `quietMs` after the last of them. */
  made: () => void;
  stop: () => void;
  /** How many times memory was settled. */
  readonly settlings: number;
}

/** Settles memory `quietMs` after the app last made an answer, if what it holds has grown since. */
export function settleWhenQuiet(quietMs: number): Settler {
  let timer: NodeJS.Timeout | undefined;
  let held = heldBeyondYoung();
  let settlings = 0;
  const settle = () => {
    timer = undefined;
    if (heldBeyondYoung() - held < GROWN_BYTES) return;
    collectAll();
    settlings++;
    held = heldBeyondYoung();
  };
  return {
    get settlings() {
      return settlings;
    },
    made: () => {
      // one timer, pushed back by each answer: refreshing it allocates nothing
      if (timer) timer.refresh();
      else timer = setTimeout(settle, quietMs).unref();
    },
    stop: () => clearTimeout(timer),
  };
}

/** One of process.nextTick's tick objects, held for as long as the process runs (holdTickShape). */
let heldTick: object | undefined;

/**
 * Keeps the shape of Node's tick objects alive. process.nextTick makes each one as a literal with computed
 * symbol keys, and V8 remembers the shape it saw at each of those keys once (monomorphic), then, at the first
 * other shape, gives up on that literal for good (megamorphic: every tick object is then built in V8's runtime,
 * a map transition per key). A collection of all garbage at a moment no tick object is alive (what
 * settleWhenQuiet runs once the server goes quiet, or V8's own when idle) frees those shapes, the next tick
 * object gets new ones, and nextTick stays on the slow way for the rest of the process (each kept answer of
 * the example's matrix cost 39.8 µs of CPU against 31.9 with this, the node:http floor 30.4: bench/README.md).
 * One tick object held keeps its shape, and the chain of shapes it was built through, alive. `rungs serve`
 * holds it first thing.
 */
export function holdTickShape(): void {
  if (heldTick) return;
  heldTick = {};
  // inside a nextTick callback, the resource running is its tick object
  process.nextTick(() => {
    heldTick = executionAsyncResource();
  });
}
