/**
 * The site's header: name, the menus from the API's `navigation` endpoint and the language
 * switcher. Menus are `<details>` elements: they open by keyboard and touch without any
 * JavaScript.
 */
import Link from "next/link";

import { getNavigation, sectionUrl, type PageType, type Schemas } from "@/api/client";
import { LanguageSwitcher, type LanguageLinks } from "@/components/LanguageSwitcher";
import { localePath, type Locale } from "@/i18n/config";
import { messages } from "@/i18n/messages";

type NavItem = Schemas["NavItem"];
type NavSection = Schemas["NavSection"];

export const STORY_INDEX_TYPE = "wagtail_osce.StoryIndexPage" satisfies PageType;
export const MEETING_INDEX_TYPE = "wagtail_osce.MeetingIndexPage" satisfies PageType;
/** The group of the `structures` section shown as a menu of its own, as osce.org does. */
const OWN_MENU_GROUPS = new Set(["group:field-operations"]);

type Sections = { stories: string; meetings: string };

function itemHref(item: NavItem, locale: Locale, sections: Sections): string | null {
  if (!item.slug) return null;
  switch (item.kind) {
    case "field_of_work":
      return localePath(locale, `/fields-of-work/${item.slug}/`);
    case "state":
    case "partner":
      return localePath(locale, `/countries/${item.slug}/`);
    case "meeting_series":
      return `${sections.meetings}?series=${encodeURIComponent(item.slug)}`;
    case "structure":
      return `${sections.stories}?source=${encodeURIComponent(item.slug)}`;
    case "group":
      return null;
    default: {
      const _exhaustive: never = item.kind;
      return _exhaustive;
    }
  }
}

function MenuItems({ items, locale, sections }: { items: NavItem[]; locale: Locale; sections: Sections }) {
  return (
    <ul>
      {items.map((item) => {
        const href = itemHref(item, locale, sections);
        const label = (
          <>
            <span lang={item.is_fallback ? "en" : undefined}>{item.label}</span>
            {item.note ? <span className="menu-note"> – {item.note}</span> : null}
          </>
        );
        return (
          <li key={item.key} className={item.kind === "group" ? "menu-group" : undefined}>
            {/* Not prefetched: opening a menu would render every page it lists. */}
            {href ? (
              <Link href={href} prefetch={false}>
                {label}
              </Link>
            ) : (
              <span className="menu-heading">{label}</span>
            )}
            {item.children?.length ? <MenuItems items={item.children} locale={locale} sections={sections} /> : null}
          </li>
        );
      })}
    </ul>
  );
}

function Menu({ label, items, locale, sections }: { label: string; items: NavItem[]; locale: Locale; sections: Sections }) {
  return (
    <li>
      <details className="menu">
        <summary>{label}</summary>
        <div className="menu-panel">
          <MenuItems items={items} locale={locale} sections={sections} />
        </div>
      </details>
    </li>
  );
}

/** The API's sections as menus, with the field operations taken out of "structures". */
function menus(sections: NavSection[]): { key: string; label: string; items: NavItem[] }[] {
  const result: { key: string; label: string; items: NavItem[] }[] = [];
  for (const section of sections) {
    const own = section.items.filter((item) => OWN_MENU_GROUPS.has(item.key));
    result.push({ key: section.key, label: section.label, items: section.items.filter((item) => !OWN_MENU_GROUPS.has(item.key)) });
    for (const group of own) result.push({ key: group.key, label: group.label, items: group.children ?? [] });
  }
  return result;
}

export async function SiteHeader({ locale, languages }: { locale: Locale; languages: LanguageLinks }) {
  const t = messages(locale);
  const [navigation, stories, meetings] = await Promise.all([
    getNavigation(locale),
    sectionUrl(locale, STORY_INDEX_TYPE),
    sectionUrl(locale, MEETING_INDEX_TYPE),
  ]);
  const sections = { stories: stories ?? localePath(locale), meetings: meetings ?? localePath(locale) };
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <div className="site-header-top">
        <Link href={localePath(locale)} className="site-name">
          <span className="site-name-short">{t.siteName}</span>
          <span className="site-name-long">{t.siteTagline}</span>
        </Link>
        <LanguageSwitcher locale={locale} links={languages} />
      </div>
      <nav className="main-menu" aria-label={t.mainMenu}>
        <ul className="menu-bar">
          {menus(navigation.sections).map((menu) => (
            <Menu key={menu.key} label={menu.label} items={menu.items} locale={locale} sections={sections} />
          ))}
          {stories ? (
            <li>
              <Link className="menu-link" href={stories}>
                {t.allStories}
              </Link>
            </li>
          ) : null}
        </ul>
      </nav>
    </header>
  );
}
