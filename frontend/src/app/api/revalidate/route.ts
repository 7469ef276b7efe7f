/**
 * The receiver of the package's publish and unpublish webhooks: verifies the signature and
 * the timestamp, refuses forged, stale and replayed events with a 401, and revalidates the
 * tags of the pages and listings the event changes (`src/lib/tags.ts`).
 */
import { revalidateTag } from "next/cache";
import type { NextRequest } from "next/server";

import { tagsForEvent, type WebhookEvent } from "@/lib/tags";
import { isFresh, remember, toleranceSeconds, verifySignature, wasAccepted, webhookSecret } from "@/lib/webhook";

export const dynamic = "force-dynamic";

function refuse(status: number, message: string): Response {
  return Response.json({ error: message }, { status });
}

export async function POST(request: NextRequest): Promise<Response> {
  const body = Buffer.from(await request.arrayBuffer());
  const signature = request.headers.get("x-osce-signature")?.trim() ?? null;
  if (!verifySignature(webhookSecret(), body, signature) || signature === null) {
    return refuse(401, "Bad signature.");
  }
  let payload: WebhookEvent;
  try {
    payload = JSON.parse(body.toString("utf-8")) as WebhookEvent;
  } catch {
    return refuse(400, "The body is not JSON.");
  }
  const tolerance = toleranceSeconds();
  if (!isFresh(payload.timestamp, tolerance)) return refuse(401, "Stale or missing timestamp.");
  if (wasAccepted(signature)) return refuse(401, "This event was already received.");
  const tags = tagsForEvent(payload);
  if (tags === null) return refuse(400, `Unknown event ${JSON.stringify(payload.event)}.`);
  // Expired at once: the next request for an affected page renders it afresh.
  for (const tag of tags) revalidateTag(tag, { expire: 0 });
  remember(signature, tolerance);
  return Response.json({ revalidated: tags });
}
