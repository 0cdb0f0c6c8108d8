/**
 * What the thread loading `rungs serve`'s frameworks needs only when its disk cache has no answer
 * (cached-registry.ts imports it then): the registry, the loader and the lint rules (which the registry
 * imports on its first load), imported statically here so that they load
 * side by side rather than one lazy import after another. A cached start reads none of it.
 */
import "../core/lint.js";
import "../load/load-framework.js";
import "../load/registry.js";

export { openRegistry } from "./open-registry.js";
