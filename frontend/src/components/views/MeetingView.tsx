import { type MeetingDetail } from "@/api/client";
import { FallbackNotice } from "@/components/Frame";
import { StreamBlocks } from "@/components/blocks/StreamBlocks";
import type { Locale } from "@/i18n/config";
import { messages } from "@/i18n/messages";
import { formatMeetingDates } from "@/lib/format";
import { mediaUrl } from "@/lib/urls";

export function MeetingView({ meeting, locale }: { meeting: MeetingDetail; locale: Locale }) {
  const t = messages(locale);
  const place = [meeting.venue, meeting.city, meeting.country?.name].filter(Boolean).join(", ");
  return (
    <>
      {meeting.is_fallback ? <FallbackNotice locale={locale} /> : null}
      <article className="meeting" lang={meeting.is_fallback ? meeting.locale : undefined}>
        <header className="story-header">
          <p className="eyebrow">{meeting.series?.name ?? t.meeting}</p>
          <h1>{meeting.title}</h1>
          <p className="story-meta">
            <time dateTime={meeting.start}>{formatMeetingDates(locale, meeting.start, meeting.end, meeting.all_day)}</time>{" "}
            <span className={`status status-${meeting.status}`}>{meeting.status_label}</span>
          </p>
          <dl className="facts">
            {place ? (
              <div>
                <dt>{t.venue}</dt>
                <dd>{place}</dd>
              </div>
            ) : null}
            {meeting.organiser ? (
              <div>
                <dt>{t.organiser}</dt>
                <dd>{meeting.organiser.name}</dd>
              </div>
            ) : null}
          </dl>
          {meeting.livestream_url ? (
            <p>
              <a href={meeting.livestream_url}>{t.livestream}</a>
            </p>
          ) : null}
        </header>
        <div className="story-body">
          {meeting.lead ? <p className="lead">{meeting.lead}</p> : null}
          <StreamBlocks blocks={meeting.body} locale={locale} />
          {meeting.documents.length ? (
            <section aria-labelledby="documents">
              <h2 id="documents">{t.documents}</h2>
              <MeetingDocuments documents={meeting.documents} />
            </section>
          ) : null}
        </div>
      </article>
    </>
  );
}

function MeetingDocuments({ documents }: { documents: MeetingDetail["documents"] }) {
  return (
    <ul className="documents">
      {documents.map((block, index) => {
        switch (block.type) {
          case "document": {
            const { value } = block;
            return (
              <li key={block.id ?? index}>
                <span className="document-kind">{value.kind_label}: </span>
                {value.document ? <a href={mediaUrl(value.document.url)}>{value.title || value.document.title}</a> : value.title}
                {value.description ? <p>{value.description}</p> : null}
              </li>
            );
          }
          case "document_list":
            return (
              <li key={block.id ?? index}>
                {block.value.title ? <h3>{block.value.title}</h3> : null}
                <ul>
                  {block.value.items.map((item, itemIndex) => (
                    <li key={item.document?.id ?? itemIndex}>
                      {item.document ? <a href={mediaUrl(item.document.url)}>{item.title || item.document.title}</a> : item.title}
                    </li>
                  ))}
                </ul>
              </li>
            );
          default: {
            const _exhaustive: never = block;
            return _exhaustive;
          }
        }
      })}
    </ul>
  );
}
