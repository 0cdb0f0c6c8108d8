/**
 * A small but honest OpenID Connect provider for tests, on a free loopback port: discovery, JWKS, an
 * authorization endpoint without a login screen (it signs in whoever the test made `user`), a token endpoint
 * and userinfo. It refuses what a real provider refuses (an unregistered redirect URI, a wrong client secret
 * or a method not offered, an unknown, reused or expired code, a code presented with another redirect URI,
 * a wrong PKCE verifier), so a client that gets one of those wrong fails its test.
 */
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";

export type ClientAuthMethod = "client_secret_basic" | "client_secret_post";

/** Who signs in at the provider: the claims it states about them. */
export interface ProviderUser {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface ProviderOptions {
  clientId?: string;
  clientSecret?: string;
  /** Redirect URIs registered for the client (more can be added to `redirectUris` later). */
  redirectUris?: string[];
  /** How the client may authenticate at the token endpoint, as advertised. Default: both. */
  authMethods?: ClientAuthMethod[];
}

interface IssuedCode {
  user: ProviderUser;
  redirectUri: string;
  nonce: string | undefined;
  challenge: string;
  expiresAt: number;
}

const CODE_TTL_MS = 60_000;
const TOKEN_TTL_S = 300;
const KEY_ID = "test-key-1";

function random(): string {
  return randomBytes(24).toString("base64url");
}

/** application/x-www-form-urlencoded decoding (what RFC 6749 §2.3.1 asks of Basic credentials too). */
function formDecode(text: string): string {
  return decodeURIComponent(text.replace(/\+/g, " "));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export class TestOidcProvider {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUris: Set<string>;
  readonly authMethods: ClientAuthMethod[];
  /** Who the authorization endpoint signs in; none: it answers login_required. */
  user: ProviderUser | undefined;
  /** An error code the authorization endpoint answers with instead of signing anyone in (access_denied…). */
  refuseWith: string | undefined;
  /** Put email, email_verified and name in the ID token (true) or only in the userinfo response (false). */
  emailInIdToken = true;
  /** What the token endpoint saw, for assertions: the method each client used, and how each try ended. */
  readonly tokenRequests: { method: ClientAuthMethod | "none"; outcome: string }[] = [];
  /** How many discovery documents were served. */
  discoveries = 0;

  readonly #server: Server;
  readonly #privateKey: CryptoKey;
  readonly #publicJwk: JWK;
  readonly #codes = new Map<string, IssuedCode>();
  readonly #accessTokens = new Map<string, ProviderUser>();

  private constructor(
    server: Server,
    issuer: string,
    keys: { privateKey: CryptoKey; publicJwk: JWK },
    options: ProviderOptions,
  ) {
    this.#server = server;
    this.issuer = issuer;
    this.#privateKey = keys.privateKey;
    this.#publicJwk = keys.publicJwk;
    this.clientId = options.clientId ?? "rungs-test-client";
    this.clientSecret = options.clientSecret ?? "a test client secret with: some / odd + characters";
    this.redirectUris = new Set(options.redirectUris ?? []);
    this.authMethods = options.authMethods ?? ["client_secret_basic", "client_secret_post"];
  }

  /** Starts a provider on 127.0.0.1 and a free port. */
  static async start(options: ProviderOptions = {}): Promise<TestOidcProvider> {
    const { privateKey, publicKey } = await generateKeyPair("RS256");
    const publicJwk = { ...(await exportJWK(publicKey)), kid: KEY_ID, alg: "RS256", use: "sig" };
    let provider: TestOidcProvider | undefined;
    const server = createServer((req, res) => {
      if (!provider) {
        res.writeHead(503).end();
        return;
      }
      provider.#handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
        res.end(`test provider fault: ${error instanceof Error ? error.message : error}`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    provider = new TestOidcProvider(server, `http://127.0.0.1:${port}`, { privateKey, publicJwk }, options);
    return provider;
  }

  /** Stops listening and drops open connections (so an app's keep-alive sockets do not hold it open). */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.issuer);
    const route = `${req.method} ${url.pathname}`;
    switch (route) {
      case "GET /.well-known/openid-configuration":
        this.discoveries++;
        return json(res, 200, this.#metadata());
      case "GET /jwks":
        return json(res, 200, { keys: [this.#publicJwk] });
      case "GET /authorize":
        return this.#authorize(url.searchParams, res);
      case "POST /token":
        return this.#token(req, res);
      case "GET /userinfo":
        return this.#userinfo(req, res);
      default:
        return json(res, 404, { error: "not_found" });
    }
  }

  #metadata() {
    return {
      issuer: this.issuer,
      authorization_endpoint: `${this.issuer}/authorize`,
      token_endpoint: `${this.issuer}/token`,
      userinfo_endpoint: `${this.issuer}/userinfo`,
      jwks_uri: `${this.issuer}/jwks`,
      response_types_supported: ["code"],
      grant_types_supported: ["authorization_code"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      scopes_supported: ["openid", "email", "profile"],
      claims_supported: ["sub", "email", "email_verified", "name"],
      token_endpoint_auth_methods_supported: this.authMethods,
      code_challenge_methods_supported: ["S256"],
      authorization_response_iss_parameter_supported: true,
    };
  }

  #authorize(params: URLSearchParams, res: ServerResponse): void {
    const redirectUri = params.get("redirect_uri") ?? "";
    // an unknown client or redirect URI is never redirected to (RFC 6749 §4.1.2.1)
    if (params.get("client_id") !== this.clientId || !this.redirectUris.has(redirectUri)) {
      res.writeHead(400, { "Content-Type": "text/plain" }).end("unknown client or unregistered redirect_uri");
      return;
    }
    const back = new URL(redirectUri);
    const state = params.get("state");
    if (state !== null) back.searchParams.set("state", state);
    back.searchParams.set("iss", this.issuer);
    const decision = this.#decide(params);
    if ("error" in decision) {
      back.searchParams.set("error", decision.error);
      back.searchParams.set("error_description", decision.description);
      res.writeHead(302, { Location: back.href }).end();
      return;
    }
    const { user, challenge } = decision;
    const code = random();
    this.#codes.set(code, {
      user: { ...user },
      redirectUri,
      nonce: params.get("nonce") ?? undefined,
      challenge,
      expiresAt: Date.now() + CODE_TTL_MS,
    });
    back.searchParams.set("code", code);
    res.writeHead(302, { Location: back.href }).end();
  }

  /** Whom an authorization request signs in (and with which PKCE challenge), or the error it gets. */
  #decide(
    params: URLSearchParams,
  ): { error: string; description: string } | { user: ProviderUser; challenge: string } {
    const refuse = (error: string, description: string) => ({ error, description });
    const scopes = (params.get("scope") ?? "").split(" ");
    const challenge = params.get("code_challenge");
    if (params.get("response_type") !== "code") return refuse("unsupported_response_type", "only code");
    if (!scopes.includes("openid")) return refuse("invalid_scope", "openid is required");
    if (!challenge || params.get("code_challenge_method") !== "S256")
      return refuse("invalid_request", "PKCE with S256 is required");
    if (this.refuseWith) return refuse(this.refuseWith, "The person declined to sign in.");
    if (!this.user) return refuse("login_required", "Nobody is signed in.");
    return { user: this.user, challenge };
  }

  /** The client's credentials as presented, or why they are refused. */
  #authenticate(
    req: IncomingMessage,
    form: URLSearchParams,
  ): { method: ClientAuthMethod | "none"; ok: boolean } {
    const header = req.headers.authorization;
    if (header?.startsWith("Basic ")) {
      const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
      const at = decoded.indexOf(":");
      const id = formDecode(decoded.slice(0, at));
      const secret = formDecode(decoded.slice(at + 1));
      const ok =
        this.authMethods.includes("client_secret_basic") &&
        at > 0 &&
        id === this.clientId &&
        secret === this.clientSecret;
      return { method: "client_secret_basic", ok };
    }
    if (form.has("client_secret")) {
      const ok =
        this.authMethods.includes("client_secret_post") &&
        form.get("client_id") === this.clientId &&
        form.get("client_secret") === this.clientSecret;
      return { method: "client_secret_post", ok };
    }
    return { method: "none", ok: false };
  }

  async #token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readBody(req));
    const client = this.#authenticate(req, form);
    const refuse = (status: number, error: string) => {
      this.tokenRequests.push({ method: client.method, outcome: error });
      const headers: Record<string, string> =
        status === 401 ? { "WWW-Authenticate": 'Basic realm="token"' } : {};
      json(res, status, { error }, headers);
    };
    if (!client.ok) return refuse(401, "invalid_client");
    if (form.get("grant_type") !== "authorization_code") return refuse(400, "unsupported_grant_type");
    const code = form.get("code") ?? "";
    const issued = this.#codes.get(code);
    // a code works once: used up whether this exchange succeeds or not
    this.#codes.delete(code);
    if (!issued || issued.expiresAt < Date.now()) return refuse(400, "invalid_grant");
    if (form.get("redirect_uri") !== issued.redirectUri) return refuse(400, "invalid_grant");
    const verifier = form.get("code_verifier") ?? "";
    if (createHash("sha256").update(verifier).digest("base64url") !== issued.challenge)
      return refuse(400, "invalid_grant");

    const now = Math.floor(Date.now() / 1000);
    const { user } = issued;
    const profile = this.emailInIdToken
      ? { email: user.email, email_verified: user.email_verified, name: user.name }
      : {};
    const idToken = await new SignJWT({
      ...profile,
      ...(issued.nonce !== undefined ? { nonce: issued.nonce } : {}),
      auth_time: now,
    })
      .setProtectedHeader({ alg: "RS256", kid: KEY_ID })
      .setIssuer(this.issuer)
      .setAudience(this.clientId)
      .setSubject(user.sub)
      .setIssuedAt(now)
      .setExpirationTime(now + TOKEN_TTL_S)
      .sign(this.#privateKey);
    const accessToken = random();
    this.#accessTokens.set(accessToken, user);
    this.tokenRequests.push({ method: client.method, outcome: "ok" });
    json(
      res,
      200,
      {
        access_token: accessToken,
        token_type: "Bearer",
        expires_in: TOKEN_TTL_S,
        id_token: idToken,
        scope: "openid email profile",
      },
      { "Cache-Control": "no-store" },
    );
  }

  #userinfo(req: IncomingMessage, res: ServerResponse): void {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "";
    const user = this.#accessTokens.get(token);
    if (!user) {
      json(res, 401, { error: "invalid_token" }, { "WWW-Authenticate": 'Bearer error="invalid_token"' });
      return;
    }
    json(res, 200, {
      sub: user.sub,
      email: user.email,
      email_verified: user.email_verified,
      name: user.name,
    });
  }
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "Content-Type": "application/json", ...headers }).end(JSON.stringify(body));
}

/** A loopback address where nothing listens (a port just given up by a server), for an unreachable provider. */
export async function deadAddress(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
