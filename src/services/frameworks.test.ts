import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeFileSystem } from "../load/fs-port.js";
import { loadOccupations } from "../load/occupations.js";
import { FrameworkRegistry } from "../load/registry.js";
import {
  findFramework,
  findLevel,
  findRole,
  frameworkIndexes,
  indexesById,
  isUnknown,
  servedFramework,
  servedFrameworks,
} from "./frameworks.js";
import { readFramework } from "./read-framework.js";

const root = new URL("../../", import.meta.url).pathname;
const engineering = join(root, "examples/engineering");
const product = readFileSync(join(root, "examples/product-matrix/framework.yaml"), "utf8");
let broken: string;
let registry: FrameworkRegistry;

beforeAll(async () => {
  broken = mkdtempSync(join(tmpdir(), "rungs-frameworks-"));
  // a syntax error: the framework stays listed (under its folder's name) but is not served
  writeFileSync(join(broken, "framework.yaml"), product.replace("name: Larkspur", "name: [Larkspur"));
  registry = new FrameworkRegistry([engineering, broken], {
    fs: nodeFileSystem,
    occupations: await loadOccupations(nodeFileSystem),
  });
  await registry.load();
});
afterAll(() => rmSync(broken, { recursive: true, force: true }));

describe("frameworks service", () => {
  it("serves only the frameworks without errors, by URL id and by framework id", () => {
    expect(registry.list()).toHaveLength(2);
    expect(servedFrameworks(registry).map((s) => s.fw.id)).toEqual(["engineering"]);
    expect([...indexesById(registry).keys()]).toEqual(["engineering"]);
    expect([...frameworkIndexes(registry).keys()]).toEqual(["engineering"]);
    // computed once per load: the same map until the registry loads again
    expect(frameworkIndexes(registry)).toBe(frameworkIndexes(registry));
  });

  it("finds a framework by id, tells a broken one from an unknown one, and suggests the nearest id", () => {
    const served = findFramework(registry, "engineering");
    expect("problem" in served ? served.problem : served.index.framework.id).toBe("engineering");
    const brokenId = registry.list()[1]?.id ?? "";
    expect(findFramework(registry, brokenId)).toMatchObject({ problem: "broken", fw: { id: brokenId } });
    expect(findFramework(registry, "enginering")).toEqual({
      problem: "unknown",
      kind: "framework",
      id: "enginering",
      hint: 'did you mean "engineering"?',
    });
    expect(servedFramework(registry, "engineering")?.fw.id).toBe("engineering");
    expect(servedFramework(registry, brokenId)).toBeUndefined();
    expect(servedFramework(registry, null)).toBeUndefined();
  });

  it("finds levels and roles, and answers an unknown id with the ids there are when none is near", () => {
    const index = frameworkIndexes(registry).get("engineering");
    if (!index) throw new Error("engineering not served");
    const senior = findLevel(index, "senior");
    expect(isUnknown(senior) ? undefined : senior.id).toBe("senior");
    expect(findLevel(index, "senoir")).toMatchObject({ kind: "level", hint: 'did you mean "senior"?' });
    const far = findLevel(index, "zzzzzzzzzzzz");
    expect(isUnknown(far) ? far.hint : "").toMatch(/^levels: .*\bsenior\b/);
    const role = findRole(index, "backend-engineer");
    expect(isUnknown(role) ? undefined : role.id).toBe("backend-engineer");
    // own-property lookups only: a name that is a property of every object is still unknown
    expect(isUnknown(findRole(index, "constructor"))).toBe(true);
  });

  it("reads a framework for a command: its index and error count, or why it cannot be read", async () => {
    const read = await readFramework("examples/engineering", nodeFileSystem, { cwd: root });
    expect("problem" in read ? read : { id: read.index.framework.id, errors: read.errors }).toEqual({
      id: "engineering",
      errors: 0,
    });
    const withErrors = await readFramework(broken, nodeFileSystem);
    expect("problem" in withErrors ? withErrors.problem : withErrors.errors).not.toBe(0);
    const missing = await readFramework("no/such/place", nodeFileSystem, { cwd: root });
    expect(missing).toMatchObject({ problem: "unreadable", path: "no/such/place" });
    expect("message" in missing && missing.message).toBeTruthy();
  });
});
