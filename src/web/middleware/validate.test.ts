import { describe, expect, it } from "vitest";
import * as z from "zod";
import { exampleApp } from "../../../test/support/app.js";
import { createApp } from "../app.js";
import { lazySchema } from "./fields.js";
import { validate } from "./validate.js";

describe("validate json", () => {
  it("hostile: a body of nested arrays is refused by size at 100,000 levels and by depth within the size, never parsed", async () => {
    const { registry } = await exampleApp();
    const app = createApp({ registry });
    const seen: unknown[] = [];
    app.post(
      "/api/test/json",
      validate(
        "json",
        lazySchema(() => z.object({ n: z.number() })),
      ),
      (c) => {
        seen.push(c.req.valid("json"));
        return c.json({ ok: true });
      },
    );
    const post = (body: string) =>
      app.request("/api/test/json", {
        method: "POST",
        body,
        headers: { "content-type": "application/json" },
      });

    // 100,000 levels are over the 64 KiB a JSON body may hold: the size bound answers first
    const huge = await post(`{"n":\n${"[".repeat(100_000)}${"]".repeat(100_000)}}`);
    expect(huge.status).toBe(413);
    // 30,000 levels fit in the size: the depth bound refuses them before JSON.parse
    const deep = await post(`{"n":\n${"[".repeat(30_000)}${"]".repeat(30_000)}}`);
    expect(deep.status).toBe(400);
    expect(deep.headers.get("content-type")).toContain("application/problem+json");
    expect((await deep.json()).detail).toBe(
      "the json cannot be read: line 2: nested deeper than 100 levels of arrays and objects; not read further",
    );
    // the text counted first is the text parsed after: a body within the bound still reaches the handler
    const fine = await post('{"n": 1, "s": "[[[[ in a string"}');
    expect(fine.status).toBe(200);
    expect(seen).toEqual([{ n: 1 }]);
  });
});
