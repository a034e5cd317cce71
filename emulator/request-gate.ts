// What the server decides about a request before reading any of it: the refusals that come first in
// its pipeline (a foreign Host, a body announced above the cap), and which kind of endpoint an
// injected 5xx hits.

import type { IncomingMessage } from "node:http";
import { CODES, failure, type FaultEndpoint, type Reply } from "./envelope";
import { isLoopbackHostHeader } from "./host";
import { declaredTooLarge, MAX_BODY_BYTES } from "./request-body";

/** A refusal sent before the body is read: the connection closes, so the unread body is never parsed. */
function refuseUnread(reply: Reply): Reply {
  return { ...reply, headers: { ...reply.headers, connection: "close" } };
}

/** 403 / 1199 for a Host that is not loopback (DNS rebinding), 413 / 1190 for a Content-Length above the cap, else null. */
export function refuseBeforeReading(req: IncomingMessage): Reply | null {
  if (!isLoopbackHostHeader(req.headers.host)) {
    return refuseUnread(
      failure(403, { code: CODES.forbiddenHost, message: "Host header must name a loopback host (localhost, 127.0.0.0/8 or [::1])" }),
    );
  }
  if (declaredTooLarge(req)) {
    return refuseUnread(
      failure(413, { code: CODES.invalidBody, message: `Request body is too large (more than ${MAX_BODY_BYTES} bytes)` }),
    );
  }
  return null;
}

// The batch paths of both families; an injected 5xx answers them with the batch codes (envelope.ts).
const BATCH_PATH = /^\/zones\/[^/]+\/(?:cache\/origin_cloud_regions|origin\/cloud_regions)\/batch$/;

export function faultEndpoint(method: string, path: string): FaultEndpoint {
  if (!BATCH_PATH.test(path)) return "other";
  if (method === "DELETE") return "batch-delete";
  return method === "PATCH" || method === "PUT" ? "batch-upsert" : "other";
}
