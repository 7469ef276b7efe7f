/**
 * Checks on the package's signed webhooks (docs/webhooks.md): the HMAC-SHA256 signature of
 * the raw body, a timestamp within the tolerance, and no event accepted twice.
 */
import "server-only";

import { createHmac, timingSafeEqual } from "node:crypto";

const SIGNATURE_PREFIX = "sha256=";

/** The shared secret, `WAGTAIL_OSCE["WEBHOOK_SECRET"]` on the Wagtail side. Empty: refuse all. */
export function webhookSecret(): string {
  return process.env.OSCE_WEBHOOK_SECRET ?? "";
}

/** How old (or how far in the future) an event may be, in seconds. */
export function toleranceSeconds(): number {
  const value = Number.parseInt(process.env.OSCE_WEBHOOK_TOLERANCE ?? "300", 10);
  return Number.isFinite(value) && value > 0 ? value : 300;
}

/** Whether `header` is `sha256=<hex HMAC-SHA256 of body>` under `secret`, compared in constant time. */
export function verifySignature(secret: string, body: Buffer, header: string | null): boolean {
  if (!secret || !header) return false;
  const expected = Buffer.from(SIGNATURE_PREFIX + createHmac("sha256", secret).update(body).digest("hex"));
  const given = Buffer.from(header.trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Whether an ISO 8601 timestamp is within `tolerance` seconds of `now`. */
export function isFresh(timestamp: unknown, tolerance: number, now: number = Date.now()): boolean {
  if (typeof timestamp !== "string") return false;
  const at = Date.parse(timestamp);
  return Number.isFinite(at) && Math.abs(now - at) <= tolerance * 1000;
}

/**
 * Signatures of the events accepted within the tolerance window. A signature names one
 * body, and each body has its own timestamp, so a second request with an accepted
 * signature is a replay (the package's retries only follow a refused or failed attempt).
 * Kept in this process's memory: run one receiver, or share this set (Redis, say).
 */
const accepted = new Map<string, number>();

export function wasAccepted(signature: string, now: number = Date.now()): boolean {
  for (const [known, expires] of accepted) if (expires < now) accepted.delete(known);
  return accepted.has(signature);
}

export function remember(signature: string, tolerance: number, now: number = Date.now()): void {
  // Twice the window: an event from the future is fresh until `tolerance` after its timestamp.
  accepted.set(signature, now + 2 * tolerance * 1000);
}
