/**
 * What the thread loading `rungs serve`'s frameworks runs (registry-worker.ts imports it once it has turned on
 * the compile cache). The CLI build makes it a build of its own (scripts/build-cli.ts, `THREAD_WHOLE`). It
 * holds what a start answered from the disk cache needs; the loader comes with registry-load.ts on a miss.
 */
export { cachedRegistry } from "./cached-registry.js";
export { threadFailure } from "./threads.js";
