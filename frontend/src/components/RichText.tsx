/**
 * Rich text from the API as React elements, rendered on the server: links to pages of the
 * site become `next/link`s (client-side navigation), everything else stays as written.
 *
 * The API marks each link to a page of the site with `data-page-id` (and `data-page-type`,
 * `data-locale`), its `href` being the page's path in that language: those are the links
 * made client-side. Links to documents (`data-document-id`) and other sites stay `<a>`.
 */
import Link from "next/link";
import { createElement, type ReactNode } from "react";

import { mediaUrl } from "@/lib/urls";

type Element = { tag: string; attributes: Record<string, string>; children: Node[] };
type Node = string | Element;

const VOID_TAGS = new Set(["area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"]);
const DROPPED_TAGS = new Set(["script", "style", "iframe", "object"]);
const ATTRIBUTE_NAMES: Record<string, string> = {
  class: "className",
  for: "htmlFor",
  colspan: "colSpan",
  rowspan: "rowSpan",
  tabindex: "tabIndex",
  srcset: "srcSet",
  hreflang: "hrefLang",
  datetime: "dateTime",
};
const ALLOWED_ATTRIBUTES = new Set([
  "href", "src", "alt", "title", "width", "height", "id", "class", "lang", "dir", "colspan", "rowspan",
  "scope", "headers", "target", "rel", "srcset", "sizes", "hreflang", "datetime", "start", "reversed",
]);
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const TOKEN = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** Parses the (well-formed) HTML of a rich-text field into a tree. */
export function parseHtml(html: string): Node[] {
  const root: Element = { tag: "#root", attributes: {}, children: [] };
  const stack: Element[] = [root];
  let last = 0;
  for (const match of html.matchAll(TOKEN)) {
    const current = stack[stack.length - 1] ?? root;
    if (match.index > last) current.children.push(decode(html.slice(last, match.index)));
    last = match.index + match[0].length;
    const [, closing, rawTag, rawAttributes, selfClosing] = match;
    if (rawTag === undefined) continue; // a comment
    const tag = rawTag.toLowerCase();
    if (closing) {
      const depth = stack.map((element) => element.tag).lastIndexOf(tag);
      if (depth > 0) stack.length = depth;
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const attribute of (rawAttributes ?? "").matchAll(ATTRIBUTE)) {
      const name = (attribute[1] ?? "").toLowerCase();
      attributes[name] = decode(attribute[2] ?? attribute[3] ?? attribute[4] ?? "");
    }
    const element: Element = { tag, attributes, children: [] };
    current.children.push(element);
    if (!VOID_TAGS.has(tag) && !selfClosing) stack.push(element);
  }
  const current = stack[stack.length - 1] ?? root;
  if (last < html.length) current.children.push(decode(html.slice(last)));
  return root.children;
}

function render(node: Node, key: number): ReactNode {
  if (typeof node === "string") return node;
  if (DROPPED_TAGS.has(node.tag)) return null;
  const props: Record<string, string | number> = { key };
  for (const [name, value] of Object.entries(node.attributes)) {
    if (name.startsWith("data-") || name.startsWith("aria-")) props[name] = value;
    else if (ALLOWED_ATTRIBUTES.has(name)) props[ATTRIBUTE_NAMES[name] ?? name] = value;
  }
  const children = node.children.map(render);
  if (node.tag === "a" && typeof props.href === "string" && node.attributes["data-page-id"]) {
    const { href, key: linkKey, ...rest } = props;
    return (
      <Link key={linkKey} href={href as string} {...rest}>
        {children}
      </Link>
    );
  }
  if (typeof props.href === "string") props.href = mediaUrl(props.href);
  if (typeof props.src === "string") props.src = mediaUrl(props.src);
  return createElement(node.tag, props, ...(VOID_TAGS.has(node.tag) ? [] : children));
}

export function RichText({ html, className = "rich-text" }: { html: string; className?: string }) {
  return <div className={className}>{parseHtml(html).map(render)}</div>;
}
