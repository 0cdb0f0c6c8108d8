import { describe, expect, it } from "vitest";
import { authOptionsFromEnv, DEFAULT_AUTH, isLocalHttpIssuer, resolveAuthConfig } from "./config.js";

describe("auth settings", () => {
  it("default to public pages, 8-hour idle and 30-day absolute sessions, and the sign-in throttles", () => {
    expect(resolveAuthConfig()).toEqual(DEFAULT_AUTH);
    expect(DEFAULT_AUTH).toMatchObject({
      requireLogin: false,
      trustProxy: false,
      idleMs: 8 * 3_600_000,
      absoluteMs: 30 * 86_400_000,
      signInPerAccount: { limit: 50, windowMs: 900_000 },
      signInPerClient: { free: 5, firstWaitMs: 1_000, maxWaitMs: 900_000, forgetAfterMs: 86_400_000 },
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
    // behind a proxy that mounts rungs under a path, every page's links (/assets/…) would miss
    expect(authOptionsFromEnv({ RUNGS_PUBLIC_URL: "https://intranet.example.com/rungs/" }).problems).toEqual([
      'RUNGS_PUBLIC_URL must be the root of an address: rungs is served at / (give it a host name of its own, such as https://rungs.example.com), not under "/rungs/" of "https://intranet.example.com/rungs/"',
    ]);
  });

  describe("single sign-on", () => {
    const sso = {
      RUNGS_OIDC_ISSUER: "https://login.example.com/oauth2/default",
      RUNGS_OIDC_CLIENT_ID: "rungs",
      RUNGS_OIDC_CLIENT_SECRET: " s3cret ",
    };

    it("is read from the environment: issuer, client id and secret, auto-create and the button's name", () => {
      expect(authOptionsFromEnv(sso)).toEqual({
        options: {
          oidc: {
            issuer: "https://login.example.com/oauth2/default",
            clientId: "rungs",
            clientSecret: "s3cret",
          },
        },
        problems: [],
      });
      expect(
        authOptionsFromEnv({ ...sso, RUNGS_OIDC_AUTO_CREATE: "1", RUNGS_OIDC_NAME: " Okta " }).options.oidc,
      ).toMatchObject({ autoCreate: true, label: "Okta" });
      // local http is allowed (a provider on this machine); the issuer is kept exactly as given
      expect(
        authOptionsFromEnv({ ...sso, RUNGS_OIDC_ISSUER: "http://127.0.0.1:9000/" }).options.oidc?.issuer,
      ).toBe("http://127.0.0.1:9000/");
    });

    it("resolves to defaults: no auto-create, the label 'single sign-on'", () => {
      expect(resolveAuthConfig().oidc).toBeUndefined();
      expect(
        resolveAuthConfig({ oidc: { issuer: "https://id.example", clientId: "a", clientSecret: "b" } }).oidc,
      ).toEqual({
        issuer: "https://id.example",
        clientId: "a",
        clientSecret: "b",
        autoCreate: false,
        label: "single sign-on",
      });
      expect(() =>
        resolveAuthConfig({ oidc: { issuer: "http://id.example", clientId: "a", clientSecret: "b" } }),
      ).toThrow(RangeError);
      expect(() =>
        resolveAuthConfig({ oidc: { issuer: "https://id.example", clientId: "", clientSecret: "b" } }),
      ).toThrow(RangeError);
    });

    it("reports a partial or bad configuration, never echoing the secret", () => {
      expect(authOptionsFromEnv({ RUNGS_OIDC_ISSUER: "https://id.example" })).toEqual({
        options: {},
        problems: [
          "single sign-on needs RUNGS_OIDC_ISSUER, RUNGS_OIDC_CLIENT_ID, RUNGS_OIDC_CLIENT_SECRET together; RUNGS_OIDC_CLIENT_ID and RUNGS_OIDC_CLIENT_SECRET are missing",
        ],
      });
      expect(authOptionsFromEnv({ ...sso, RUNGS_OIDC_ISSUER: "" }).problems).toEqual([
        "single sign-on needs RUNGS_OIDC_ISSUER, RUNGS_OIDC_CLIENT_ID, RUNGS_OIDC_CLIENT_SECRET together; RUNGS_OIDC_ISSUER is missing",
      ]);
      const bad = authOptionsFromEnv({
        ...sso,
        RUNGS_OIDC_ISSUER: "http://login.example.com",
        RUNGS_OIDC_AUTO_CREATE: "sometimes",
        RUNGS_OIDC_NAME: "x".repeat(61),
      });
      expect(bad.options).toEqual({});
      expect(bad.problems).toEqual([
        'RUNGS_OIDC_AUTO_CREATE must be 1 or 0, not "sometimes"',
        'RUNGS_OIDC_ISSUER must be an https address (http only for localhost), not "http://login.example.com"',
        "RUNGS_OIDC_NAME must be one line of at most 60 characters",
      ]);
      expect(bad.problems.join(" ")).not.toContain("s3cret");
      expect(authOptionsFromEnv({ ...sso, RUNGS_OIDC_ISSUER: "login.example.com" }).problems).toEqual([
        'RUNGS_OIDC_ISSUER must be an https address (http only for localhost), not "login.example.com"',
      ]);
      expect(
        authOptionsFromEnv({ ...sso, RUNGS_OIDC_ISSUER: "https://login.example.com/?tenant=1" }).problems,
      ).toEqual([
        'RUNGS_OIDC_ISSUER must not have a query or fragment, not "https://login.example.com/?tenant=1"',
      ]);
      // the extras without the provider say what is missing
      expect(authOptionsFromEnv({ RUNGS_OIDC_AUTO_CREATE: "1", RUNGS_OIDC_NAME: "Okta" }).problems).toEqual([
        "RUNGS_OIDC_AUTO_CREATE is set but single sign-on is not: set RUNGS_OIDC_ISSUER, RUNGS_OIDC_CLIENT_ID, RUNGS_OIDC_CLIENT_SECRET",
        "RUNGS_OIDC_NAME is set but single sign-on is not: set RUNGS_OIDC_ISSUER, RUNGS_OIDC_CLIENT_ID, RUNGS_OIDC_CLIENT_SECRET",
      ]);
    });

    it("speaks plain http only to this machine", () => {
      expect(isLocalHttpIssuer("http://localhost:8080")).toBe(true);
      expect(isLocalHttpIssuer("http://127.0.0.1:8080/realms/x")).toBe(true);
      expect(isLocalHttpIssuer("http://[::1]:8080")).toBe(true);
      expect(isLocalHttpIssuer("https://localhost")).toBe(false);
      expect(isLocalHttpIssuer("http://localhost.example.com")).toBe(false);
      expect(isLocalHttpIssuer("http://10.0.0.1")).toBe(false);
    });
  });
});
