/** A story as osce.org shows it: label, title, date, source, body, then more stories. */
import Link from "next/link";

import { listStories, type StoryDetail } from "@/api/client";
import { StoryCard } from "@/components/Cards";
import { FallbackNotice } from "@/components/Frame";
import { Picture } from "@/components/Picture";
import { RelatedStories, StreamBlocks } from "@/components/blocks/StreamBlocks";
import { localePath, type Locale } from "@/i18n/config";
import { messages } from "@/i18n/messages";
import { formatDate } from "@/lib/format";

/** How many stories "discover more stories" shows. */
const MORE_STORIES = 4;

export async function StoryView({ story, locale }: { story: StoryDetail; locale: Locale }) {
  const t = messages(locale);
  // Never the story being read, nor its other language versions.
  const more = await listStories(locale, { page_size: MORE_STORIES, exclude: [story.id] });
  const others = more.data?.results ?? [];
  return (
    <>
      {story.is_fallback ? <FallbackNotice locale={locale} /> : null}
      <article className="story" lang={story.is_fallback ? story.locale : undefined}>
        <header className="story-header">
          <p className="eyebrow">{t.story}</p>
          <h1>{story.title}</h1>
          <p className="story-meta">
            <time dateTime={story.date}>{formatDate(locale, story.date)}</time>
          </p>
          {story.sources.length ? (
            <p className="story-source">
              {t.source}: {story.sources.map((source) => source.name).join(" / ")}
            </p>
          ) : null}
        </header>
        {story.hero_image ? (
          <figure className="story-hero">
            <Picture image={story.hero_image} use="hero" sizes="(min-width: 64rem) 64rem, 100vw" />
            {story.hero_caption || story.hero_credit ? (
              <figcaption>
                {story.hero_caption}
                {story.hero_credit ? ` © ${story.hero_credit}` : ""}
              </figcaption>
            ) : null}
          </figure>
        ) : null}
        <div className="story-body">
          {story.lead ? <p className="lead">{story.lead}</p> : null}
          <StreamBlocks blocks={story.body} locale={locale} />
          {story.fields_of_work.length || story.countries.length ? (
            <ul className="tags" aria-label={t.fieldsOfWork}>
              {story.fields_of_work.map((field) => (
                <li key={`f${field.id}`}>
                  <Link href={localePath(locale, `/fields-of-work/${field.slug}/`)}>{field.name}</Link>
                </li>
              ))}
              {story.countries.map((country) => (
                <li key={`c${country.id}`}>
                  <Link href={localePath(locale, `/countries/${country.slug}/`)}>{country.name}</Link>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        {story.related_stories.map((block, index) => (
          <RelatedStories key={block.id ?? index} value={block.value} locale={locale} />
        ))}
      </article>
      {others.length ? (
        <section className="more-stories" aria-labelledby="more-stories">
          <h2 id="more-stories">{t.moreStories}</h2>
          <p>{t.moreStoriesIntro}</p>
          <ul className="cards">
            {others.map((other) => (
              <li key={other.id}>
                <StoryCard story={other} locale={locale} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
