/**
 * The body of a story or a meeting: one component per block type.
 *
 * The `switch` covers the API's block `type` union exhaustively: when the package adds a
 * block type, the regenerated `schema.d.ts` adds it to the union and `const _exhaustive:
 * never = block` stops compiling until this file renders it.
 */
import Link from "next/link";

import type { MeetingDetail, Schemas, StoryDetail } from "@/api/client";
import { Picture } from "@/components/Picture";
import { RichText } from "@/components/RichText";
import { MeetingCard, StoryCard } from "@/components/Cards";
import type { Locale } from "@/i18n/config";
import { localePath } from "@/i18n/config";
import { messages } from "@/i18n/messages";
import { formatBytes } from "@/lib/format";
import { isInternalPath, mediaUrl } from "@/lib/urls";

export type BodyBlock = StoryDetail["body"][number] | MeetingDetail["body"][number];

function SmartLink({ href, children, className }: { href: string; children: React.ReactNode; className?: string }) {
  if (isInternalPath(href)) {
    return (
      <Link href={href} className={className}>
        {children}
      </Link>
    );
  }
  return (
    <a href={mediaUrl(href)} className={className}>
      {children}
    </a>
  );
}

function Document({ document, title, locale }: { document: Schemas["DocumentOut"]; title: string; locale: Locale }) {
  const t = messages(locale);
  const type = document.file_type.toUpperCase();
  return (
    <a href={mediaUrl(document.url)} className="document-link">
      <span>{title || document.title}</span>{" "}
      <span className="document-meta">
        ({t.download}
        {type ? `, ${type}` : ""}
        {document.file_size ? `, ${formatBytes(document.file_size)}` : ""})
      </span>
    </a>
  );
}

function Figure({ value }: { value: Schemas["ImageBlockOut"] }) {
  if (!value.image) return null;
  const caption = [value.caption, value.credit ? `© ${value.credit}` : ""].filter(Boolean).join(" ");
  return (
    <figure className="block-image">
      <Picture image={value.image} decorative={value.decorative} />
      {caption ? <figcaption>{caption}</figcaption> : null}
    </figure>
  );
}

export function Block({ block, locale }: { block: BodyBlock; locale: Locale }) {
  const t = messages(locale);
  switch (block.type) {
    case "heading": {
      const Tag = block.value.level;
      return <Tag id={block.value.anchor || undefined}>{block.value.text}</Tag>;
    }
    case "rich_text":
      return <RichText html={block.value.html} />;
    case "quote":
      return (
        <figure className="block-quote">
          <blockquote>
            <p>{block.value.text}</p>
          </blockquote>
          {block.value.attribution ? (
            <figcaption>
              {block.value.attribution}
              {block.value.role ? `, ${block.value.role}` : ""}
            </figcaption>
          ) : null}
        </figure>
      );
    case "image":
      return <Figure value={block.value} />;
    case "gallery":
      return (
        <section className="block-gallery" aria-label={block.value.title ?? undefined}>
          {block.value.title ? <h2>{block.value.title}</h2> : null}
          <ul>
            {block.value.images.map((image, index) => (
              <li key={image.image?.id ?? index}>
                <Figure value={image} />
              </li>
            ))}
          </ul>
        </section>
      );
    case "video":
      return (
        <figure className="block-video">
          {block.value.html ? (
            <div className="video-embed" dangerouslySetInnerHTML={{ __html: block.value.html }} />
          ) : (
            <a href={block.value.url}>{block.value.title || block.value.url}</a>
          )}
          {block.value.caption ? <figcaption>{block.value.caption}</figcaption> : null}
          {block.value.transcript ? (
            <details>
              <summary>{t.transcript}</summary>
              <p>{block.value.transcript}</p>
            </details>
          ) : null}
        </figure>
      );
    case "fact_box":
      return (
        <aside className="block-fact-box" aria-label={block.value.title}>
          <h2>{block.value.title}</h2>
          <RichText html={block.value.body.html} />
        </aside>
      );
    case "key_figures":
      return (
        <section className="block-key-figures">
          {block.value.title ? <h2>{block.value.title}</h2> : null}
          <dl>
            {block.value.figures.map((figure) => (
              <div key={`${figure.value}-${figure.label}`}>
                <dt>{figure.label}</dt>
                <dd>{figure.value}</dd>
              </div>
            ))}
          </dl>
        </section>
      );
    case "timeline":
      return (
        <section className="block-timeline">
          {block.value.title ? <h2>{block.value.title}</h2> : null}
          <ol>
            {block.value.events.map((event) => (
              <li key={`${event.date}-${event.title}`}>
                <p className="timeline-date">{event.date}</p>
                <h3>{event.title}</h3>
                {event.text ? <p>{event.text}</p> : null}
              </li>
            ))}
          </ol>
        </section>
      );
    case "accordion":
      return (
        <section className="block-accordion">
          {block.value.title ? <h2>{block.value.title}</h2> : null}
          {block.value.items.map((item) => (
            <details key={item.title}>
              <summary>{item.title}</summary>
              <RichText html={item.body.html} />
            </details>
          ))}
        </section>
      );
    case "table":
      return (
        <div className="block-table" role="region" aria-label={block.value.caption || undefined} tabIndex={0}>
          <table>
            {block.value.caption ? <caption>{block.value.caption}</caption> : null}
            <thead>
              <tr>
                {block.value.columns.map((column, index) => (
                  <th key={index} scope="col" className={column.type === "number" ? "numeric" : undefined}>
                    {column.heading}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.value.rows.map((row, rowIndex) => (
                <tr key={rowIndex}>
                  {row.map((cell, index) => (
                    <td key={index} className={block.value.columns[index]?.type === "number" ? "numeric" : undefined}>
                      {cell === null ? "" : typeof cell === "object" ? <RichText html={cell.html} /> : String(cell)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case "call_to_action": {
      const link = block.value.link;
      return (
        <aside className="block-call-to-action" aria-label={block.value.title}>
          <h2>{block.value.title}</h2>
          {block.value.text ? <p>{block.value.text}</p> : null}
          {link.url ? (
            <SmartLink href={link.url} className="button">
              {block.value.button_label}
            </SmartLink>
          ) : null}
        </aside>
      );
    }
    case "link": {
      const link = block.value;
      if (!link.url) return null;
      return (
        <p className="block-link">
          <SmartLink href={link.url}>{link.text || link.page?.title || link.document?.title || link.url}</SmartLink>
        </p>
      );
    }
    case "download":
      return (
        <div className="block-download">
          {block.value.document ? (
            <Document document={block.value.document} title={block.value.title} locale={locale} />
          ) : (
            <p>{block.value.title}</p>
          )}
          {block.value.description ? <p>{block.value.description}</p> : null}
        </div>
      );
    case "document_list":
      return (
        <section className="block-document-list">
          {block.value.title ? <h2>{block.value.title}</h2> : null}
          <ul>
            {block.value.items.map((item, index) => (
              <li key={item.document?.id ?? index} lang={item.language !== "other" ? item.language : undefined}>
                {item.document ? <Document document={item.document} title={item.title} locale={locale} /> : item.title}
              </li>
            ))}
          </ul>
        </section>
      );
    case "fields_of_work":
      return (
        <section className="block-tags">
          <h2>{block.value.heading || t.fieldsOfWork}</h2>
          <ul className="tags">
            {block.value.fields_of_work.map((field) => (
              <li key={field.id}>
                <Link href={localePath(locale, `/fields-of-work/${field.slug}/`)}>{field.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      );
    case "states":
      return (
        <section className="block-tags">
          {block.value.heading ? <h2>{block.value.heading}</h2> : null}
          <ul className="tags">
            {block.value.states.map((state) => (
              <li key={state.id}>
                <Link href={localePath(locale, `/countries/${state.slug}/`)}>{state.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      );
    case "structures":
      return (
        <section className="block-tags">
          {block.value.heading ? <h2>{block.value.heading}</h2> : null}
          <ul className="tags">
            {block.value.structures.map((structure) => (
              <li key={structure.id}>
                {structure.name}
                {structure.acronym ? ` (${structure.acronym})` : ""}
              </li>
            ))}
          </ul>
        </section>
      );
    case "related_stories":
      return <RelatedStories value={block.value} locale={locale} />;
    case "upcoming_meetings":
      return (
        <section className="block-upcoming-meetings">
          <h2>{block.value.heading || block.value.series?.name || t.upcomingMeetings}</h2>
          {block.value.meetings.length ? (
            <ul className="cards">
              {block.value.meetings.map((meeting) => (
                <li key={meeting.id}>
                  <MeetingCard meeting={meeting} locale={locale} />
                </li>
              ))}
            </ul>
          ) : (
            <p>{t.noMeetings}</p>
          )}
        </section>
      );
    default: {
      const _exhaustive: never = block;
      return _exhaustive;
    }
  }
}

export function RelatedStories({ value, locale }: { value: Schemas["RelatedStoriesOut"]; locale: Locale }) {
  if (!value.stories.length) return null;
  return (
    <section className="block-related-stories">
      <h2>{value.heading || value.field_of_work?.name}</h2>
      <ul className="cards">
        {value.stories.map((story) => (
          <li key={story.id}>
            <StoryCard story={story} locale={locale} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export function StreamBlocks({ blocks, locale }: { blocks: BodyBlock[]; locale: Locale }) {
  return (
    <>
      {blocks.map((block, index) => (
        <div key={block.id ?? index} className="block" data-block-type={block.type}>
          <Block block={block} locale={locale} />
        </div>
      ))}
    </>
  );
}
