/** The signed-in person's own account as JSON, and its `/api` operations (see middleware/openapi.ts). */
import * as z from "zod";
import { type ApiOperation, apiSchemas } from "../../middleware/openapi.js";

const nullableId = z.string().nullable();

export const Account = z
  .looseObject({
    person: z.looseObject({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      admin: z.boolean(),
      framework: nullableId,
      track: nullableId,
      level: nullableId,
      role: nullableId,
    }),
    csrfToken: z.string().describe("Send it as X-CSRF-Token with every write."),
    sessions: z.array(
      z.looseObject({
        id: z.string(),
        current: z.boolean(),
        createdAt: z.string(),
        lastSeenAt: z.string(),
        expiresAt: z.string(),
        userAgent: z.string().nullable(),
      }),
    ),
  })
  .register(apiSchemas, { id: "Account" });

export const RevokedSession = z
  .looseObject({ revoked: z.string() })
  .register(apiSchemas, { id: "RevokedSession" });

export const ApiTokens = z
  .looseObject({
    tokens: z.array(
      z.looseObject({
        id: z.string(),
        name: z.string(),
        email: z.string().describe("The person the token acts as."),
        createdAt: z.string(),
        lastUsedAt: z.string().nullable(),
        current: z.boolean().describe("Whether this request was made with it."),
      }),
    ),
  })
  .register(apiSchemas, { id: "ApiTokens" });

export const RevokedToken = z
  .looseObject({ revoked: z.string() })
  .register(apiSchemas, { id: "RevokedToken" });

const tokenId = z.object({
  id: z.string().meta({ description: "A token id, as GET /api/account/tokens lists them." }),
});

export const accountApi: ApiOperation[] = [
  {
    method: "get",
    path: "/api/account",
    operationId: "getAccount",
    summary: "Who is signed in",
    description: "The signed-in person, the CSRF token their writes carry, and their sessions.",
    tags: ["account"],
    access: "signed-in",
    response: { description: "The account.", schema: Account },
    problems: {},
  },
  {
    method: "delete",
    path: "/api/account/sessions/:id",
    operationId: "revokeSession",
    summary: "Sign a session out",
    description: "Ends one of the signed-in person's own sessions (this one too, which clears its cookie).",
    tags: ["account"],
    access: "signed-in",
    params: z.object({
      id: z.string().meta({ description: "A session id, as GET /api/account lists them." }),
    }),
    response: { description: "The session is ended.", schema: RevokedSession },
    problems: { 404: "No session of yours with that id." },
  },
  {
    method: "get",
    path: "/api/account/tokens",
    operationId: "listApiTokens",
    summary: "API tokens",
    description:
      "The signed-in person's API tokens (an admin's list has everyone's), never their secrets: a secret is shown once, on /account/tokens/, where tokens are made.",
    tags: ["account"],
    access: "signed-in",
    response: { description: "The tokens, newest first.", schema: ApiTokens },
    problems: {},
  },
  {
    method: "delete",
    path: "/api/account/tokens/:id",
    operationId: "revokeApiToken",
    summary: "Revoke an API token",
    description: "Revokes one of the person's own tokens (an admin: anyone's); it stops working at once.",
    tags: ["account"],
    access: "signed-in",
    params: tokenId,
    response: { description: "The token is revoked.", schema: RevokedToken },
    problems: { 404: "No token of yours with that id." },
  },
];
