/**
 * An image from the API as a `<picture>`: one `<source>` per format of the chosen use
 * (AVIF, WebP), the original format in the `<img>`. Every candidate of a use has the same
 * crop, so its `srcset` is valid; `sizes` says how wide the image is shown.
 */
import type { Schemas } from "@/api/client";
import { mediaUrl } from "@/lib/urls";

type Image = Schemas["ImageOut"];

/** The uses configured by default on the server (`WAGTAIL_OSCE["IMAGE_USES"]`). */
export type ImageUse = "card" | "hero" | "content";

/** A `srcset` with its URLs made absolute against the Django site's origin. */
function absoluteSrcset(srcset: string): string {
  return srcset
    .split(", ")
    .map((candidate) => {
      const [url = "", descriptor] = candidate.trim().split(/\s+/, 2);
      return descriptor ? `${mediaUrl(url)} ${descriptor}` : mediaUrl(url);
    })
    .join(", ");
}

export function Picture({
  image,
  use = "content",
  sizes = "(min-width: 64rem) 48rem, 100vw",
  decorative = false,
  className,
}: {
  image: Image;
  use?: ImageUse;
  sizes?: string;
  decorative?: boolean;
  className?: string;
}) {
  const alt = decorative ? "" : image.alt;
  const set = image.uses[use] ?? image.uses.content;
  if (!set) {
    // No responsive set (the original file is missing on the server): the largest rendition, if any.
    const rendition = image.renditions.large ?? image.renditions.medium ?? Object.values(image.renditions)[0];
    if (!rendition) return null;
    return (
      // eslint-disable-next-line @next/next/no-img-element -- the API already serves sized renditions
      <img src={mediaUrl(rendition.url)} width={rendition.width} height={rendition.height} alt={alt} className={className} />
    );
  }
  const fallback = set.sources[set.sources.length - 1];
  return (
    <picture>
      {set.sources.slice(0, -1).map((source) => (
        <source key={source.type} type={source.type} srcSet={absoluteSrcset(source.srcset)} sizes={sizes} />
      ))}
      <img
        src={mediaUrl(set.src)}
        srcSet={fallback ? absoluteSrcset(fallback.srcset) : undefined}
        sizes={fallback ? sizes : undefined}
        width={set.width}
        height={set.height}
        alt={alt}
        loading="lazy"
        className={className}
      />
    </picture>
  );
}
