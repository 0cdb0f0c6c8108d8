import { expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";
import { SettingsRepository } from "./settings.repository.js";

describeEachDatabase("settings repository", (ctx) => {
  const settings = () => new SettingsRepository(ctx.database);

  it("stores, replaces, lists in key order and deletes settings", async () => {
    expect(await settings().get("site.name")).toBeUndefined();
    expect(await settings().set("site.name", "Acme")).toEqual({ ok: true, value: "Acme" });
    await settings().set("site.name", "Acme Ltd'); DROP TABLE settings;--");
    await settings().set("auth.sso", "on");
    expect(await settings().all()).toEqual({
      "auth.sso": "on",
      "site.name": "Acme Ltd'); DROP TABLE settings;--",
    });
    expect(await settings().delete("auth.sso")).toBe(true);
    expect(await settings().delete("auth.sso")).toBe(false);
  });

  it("refuses values that cannot be stored alike on both databases", async () => {
    const outcome = await settings().set("x", "nul\u0000byte");
    expect(outcome.ok ? [] : outcome.problems.map((p) => p.code)).toEqual(["invalid-text"]);
    expect(await settings().all()).toEqual({});
  });
});
