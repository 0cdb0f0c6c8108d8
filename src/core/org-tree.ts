/**
 * The org tree as plain values: who manages whom, keyed by whatever identifies a person (an id, an email
 * key). Used wherever a tree is checked before it is stored (people import, backup restore).
 */

/**
 * The cycles in a "who manages whom" map (each node has at most one manager), each as the list of nodes on
 * it. Linear: every node is walked once.
 */
export function findCycles(managerOf: ReadonlyMap<string, string | null>): string[][] {
  const state = new Map<string, "walking" | "done">();
  const cycles: string[][] = [];
  for (const start of managerOf.keys()) {
    if (state.has(start)) continue;
    const path: string[] = [];
    let node: string | null | undefined = start;
    while (node !== null && node !== undefined && !state.has(node)) {
      state.set(node, "walking");
      path.push(node);
      node = managerOf.get(node);
    }
    if (node !== null && node !== undefined && state.get(node) === "walking") {
      cycles.push(path.slice(path.indexOf(node)));
    }
    for (const visited of path) state.set(visited, "done");
  }
  return cycles;
}
