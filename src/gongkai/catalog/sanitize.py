"""Rich text (正文) is cleaned with an allow-list before it is stored or shown.

nh3 (ammonia) drops every tag and attribute not listed here, so <script>, <style>, event handlers
(onerror=…), `style` attributes and javascript:/data: URLs never reach a page, a feed or the
公众号 rendering.
"""

from __future__ import annotations

import html

import nh3
from selectolax.lexbor import LexborHTMLParser as HTMLParser

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "b", "em", "i", "u", "s", "sub", "sup", "span",
    "h2", "h3", "h4", "h5", "ul", "ol", "li", "blockquote",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "a", "img",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def clean_html(html: str) -> str:
    """The stored form of user-supplied rich text."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def strip_tags(text: str) -> str:
    """Input meant as plain text (an agency's notice template): every tag dropped by the same sanitiser
    as catalogue bodies (<script> and <style> with their content), the rest kept exactly as typed."""
    return html.unescape(nh3.clean(text or "", tags=set(), strip_comments=True))


_BLOCKS = {"p", "br", "li", "tr", "h2", "h3", "h4", "h5", "blockquote", "table", "caption", "hr"}


def html_to_text(html: str) -> str:
    """Plain text of (already clean) HTML for the search index and summaries."""
    if not html:
        return ""
    tree = HTMLParser(html)
    for node in tree.css(",".join(sorted(_BLOCKS))):
        node.insert_after("\n")
    for node in tree.css("td,th"):
        node.insert_after(" ")
    text = tree.body.text(separator="") if tree.body else ""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def text_to_html(text: str) -> str:
    """Plain text typed without markup becomes paragraphs (imports, simple forms)."""
    from html import escape

    paras = [p.strip() for p in (text or "").replace("\r\n", "\n").split("\n") if p.strip()]
    return "".join(f"<p>{escape(p)}</p>" for p in paras)
