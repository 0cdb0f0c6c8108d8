/**
 * What the thread loading `rungs serve`'s frameworks runs (registry-worker.ts imports it once it has turned on
 * the compile cache). The CLI build makes it a build of its own (scripts/build-cli.ts, `THREAD_WHOLE`).
 */
// The registry, the loader and the lint rules (which the registry imports on its first load), and the
// occupation lists: imported statically, so they load with this module, before the paths come, and the build
// splits no chunk off for them.
import "../core/lint.js";
import "../load/framework-version.js";
import "../load/fs-port.js";
import "../load/load-framework.js";
import "../load/registry.js";

export { cachedRegistry } from "./cached-registry.js";
export { threadFailure } from "./threads.js";
