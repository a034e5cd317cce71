import { createHash } from "node:crypto";

/**
 * A name for a token that is safe to keep and compare: the first 16 hex digits of its SHA-256. It
 * keys what is kept per token (the request window, the client, the supported-regions cache) without
 * holding the token itself in any map key, and says nothing usable about the token.
 */
export function tokenKey(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex").slice(0, 16);
}
