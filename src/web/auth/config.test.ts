import { describe, expect, it } from "vitest";
import { authOptionsFromEnv, DEFAULT_AUTH, resolveAuthConfig } from "./config.js";

describe("auth settings", () => {
  it("default to public pages, 8-hour idle and 30-day absolute sessions, 10 and 50 sign-ins per 15 minutes", () => {
    expect(resolveAuthConfig()).toEqual(DEFAULT_AUTH);
    expect(DEFAULT_AUTH).toMatchObject({
      requireLogin: false,
      trustProxy: false,
      idleMs: 8 * 3_600_000,
      absoluteMs: 30 * 86_400_000,
      signInPerAccount: { limit: 10, windowMs: 900_000 },
      signInPerAddress: { limit: 50, windowMs: 900_000 },
    });
    expect(() => resolveAuthConfig({ idleMs: 0 })).toThrow(RangeError);
  });

  it("are read from the environment of rungs serve", () => {
    expect(
      authOptionsFromEnv({
        RUNGS_REQUIRE_LOGIN: "1",
        RUNGS_TRUST_PROXY: "true",
        RUNGS_SESSION_IDLE_HOURS: "0.5",
        RUNGS_SESSION_MAX_DAYS: "7",
        RUNGS_PUBLIC_URL: "https://rungs.example.com/",
      }),
    ).toEqual({
      options: {
        requireLogin: true,
        trustProxy: true,
        idleMs: 1_800_000,
        absoluteMs: 7 * 86_400_000,
        publicUrl: "https://rungs.example.com/",
      },
      problems: [],
    });
    expect(authOptionsFromEnv({})).toEqual({ options: {}, problems: [] });
    expect(authOptionsFromEnv({ RUNGS_REQUIRE_LOGIN: "0" }).options).toEqual({ requireLogin: false });
    expect(resolveAuthConfig({ publicUrl: "https://rungs.example.com/" }).publicUrl).toBe(
      "https://rungs.example.com",
    );
  });

  it("report bad values instead of guessing", () => {
    const { problems } = authOptionsFromEnv({
      RUNGS_REQUIRE_LOGIN: "maybe",
      RUNGS_SESSION_IDLE_HOURS: "-1",
      RUNGS_SESSION_MAX_DAYS: "soon",
      RUNGS_PUBLIC_URL: "ftp://example.com",
    });
    expect(problems).toEqual([
      'RUNGS_REQUIRE_LOGIN must be 1 or 0, not "maybe"',
      'RUNGS_SESSION_IDLE_HOURS must be a positive number of hours (at least one minute), not "-1"',
      'RUNGS_SESSION_MAX_DAYS must be a positive number of days (at least one minute), not "soon"',
      'RUNGS_PUBLIC_URL must be an http(s) address such as https://rungs.example.com, not "ftp://example.com"',
    ]);
  });
});
