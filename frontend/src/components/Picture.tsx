/**
 * An image from the API. Its renditions with the original's aspect ratio make a valid
 * `srcset`; a cropped one (such as `thumbnail`, 4:3) is used alone where a crop is wanted.
 * When the API gives `srcset` data per use (issue 11), this reads it instead.
 */
import type { Schemas } from "@/api/client";
import { mediaUrl } from "@/lib/urls";

type Image = Schemas["ImageOut"];

function sameRatio(image: Image, width: number, height: number): boolean {
  return Math.abs(width / height - image.width / image.height) < 0.02;
}

export function Picture({
  image,
  sizes = "(min-width: 64rem) 48rem, 100vw",
  crop,
  decorative = false,
  className,
}: {
  image: Image;
  sizes?: string;
  /** A rendition name to use as it is (a crop), instead of the responsive set. */
  crop?: string;
  decorative?: boolean;
  className?: string;
}) {
  const alt = decorative ? "" : image.alt;
  const cropped = crop ? image.renditions[crop] : undefined;
  if (cropped) {
    return (
      // eslint-disable-next-line @next/next/no-img-element -- the API already serves sized renditions
      <img src={mediaUrl(cropped.url)} width={cropped.width} height={cropped.height} alt={alt} loading="lazy" className={className} />
    );
  }
  const candidates = Object.values(image.renditions)
    .filter((rendition) => sameRatio(image, rendition.width, rendition.height))
    .sort((a, b) => a.width - b.width);
  const fallback = candidates[0] ?? Object.values(image.renditions)[0];
  if (!fallback) return null;
  const srcSet = candidates.map((rendition) => `${mediaUrl(rendition.url)} ${rendition.width}w`).join(", ");
  return (
    // eslint-disable-next-line @next/next/no-img-element -- the API already serves sized renditions
    <img
      src={mediaUrl(fallback.url)}
      srcSet={srcSet || undefined}
      sizes={srcSet ? sizes : undefined}
      width={image.width}
      height={image.height}
      alt={alt}
      className={className}
    />
  );
}
