/**
 * Stable UUIDs for exported entities: RFC 9562 version 5 (SHA-1 of a namespace and a name), so the same
 * framework and entity ids give the same UUID in every export, on every machine, and a CASE consumer can
 * follow an item from one export to the next.
 */
import { createHash } from "node:crypto";

/** The namespace of every rungs UUID: chosen once; changing it would change every exported identifier. */
export const RUNGS_NAMESPACE = "4d1f2a6c-8b3e-5c07-9e41-2b6a7d0c5f18";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(text: string): boolean {
  return UUID.test(text);
}

/**
 * UUIDs made, by namespace and name: every page with JSON-LD names its entities by UUID, and hashing them
 * again on each render after a framework change was a tenth of a large matrix's. Pure in its input, so a hit
 * is exact; emptied when full.
 */
const made = new Map<string, string>();
const MADE_LIMIT = 100_000;

/** Forgets the UUIDs made (a static build's thread does, between its sections: see web/version-caches.ts). */
export function forgetUuids(): void {
  made.clear();
}

/** The version 5 UUID of `name` in `namespace`. */
export function uuidV5(name: string, namespace: string = RUNGS_NAMESPACE): string {
  const key = `${namespace}\n${name}`;
  let uuid = made.get(key);
  if (uuid === undefined) {
    uuid = hashedUuid(name, namespace);
    if (made.size >= MADE_LIMIT) made.clear();
    made.set(key, uuid);
  }
  return uuid;
}

function hashedUuid(name: string, namespace: string): string {
  if (!isUuid(namespace)) throw new RangeError("namespace must be a UUID");
  const bytes = createHash("sha1")
    .update(Buffer.from(namespace.replaceAll("-", ""), "hex"))
    .update(name, "utf8")
    .digest()
    .subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The UUID of an entity of a framework: `kind` and `id` together name it within the framework. */
export function entityUuid(frameworkId: string, kind: string, id = ""): string {
  return uuidV5(`rungs:${frameworkId}:${kind}:${id}`);
}
