import type { Indexes } from "../../core/views/architecture.js";
import type { FrameworkRegistry, LoadedFramework } from "../../load/registry.js";

/**
 * Every framework without errors, by framework id. Computed once per load of the registry (each load gives a
 * new list): every architecture page reads all frameworks, and the adjacent-roles panel sits on every role page.
 */
const indexCache = new WeakMap<readonly LoadedFramework[], Indexes>();
export function frameworkIndexes(registry: FrameworkRegistry): Indexes {
  const list = registry.list();
  const cached = indexCache.get(list);
  if (cached) return cached;
  const indexes: Indexes = new Map();
  for (const fw of list) {
    if (!fw.ok || !fw.index) continue;
    // two frameworks with one id: the registry renames the second's URLs, the core looks up by framework id
    if (!indexes.has(fw.index.framework.id)) indexes.set(fw.index.framework.id, fw.index);
  }
  indexCache.set(list, indexes);
  return indexes;
}
