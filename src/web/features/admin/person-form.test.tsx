import { describe, expect, it } from "vitest";
import { pathsApp } from "../../../../test/support/app.js";
import { frameworkIndexes } from "../../../services/frameworks.js";
import { PlacementSelect } from "./person-form.js";

describe("the person form's placement selects", () => {
  it("show an id two frameworks share chosen in the person's framework only", async () => {
    // both have a track `trunk`: selected in both groups, the browser showed the last one's name
    const { registry } = await pathsApp(["examples/engineering", "examples/seed-forked-ladder"]);
    const html = String(
      <PlacementSelect
        form="edit"
        name="track"
        label="Track"
        frameworks={frameworkIndexes(registry)}
        value="trunk"
        framework="engineering"
        problems={[]}
      />,
    );
    const trunk = html.match(/<option value="trunk"[^>]*>[^<]*/g) ?? [];
    expect(trunk).toHaveLength(2);
    expect(trunk.filter((o) => o.includes("selected"))).toEqual([
      '<option value="trunk" selected="">Shared trunk',
    ]);
  });
});
