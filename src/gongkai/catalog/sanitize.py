"""Rich text (正文) is cleaned with an allow-list before it is stored or shown.

nh3 (ammonia) drops every tag and attribute not listed here, so <script>, <style>, event handlers
(onerror=…), `style` attributes and javascript:/data: URLs never reach a page, a feed or the
公众号 rendering.
"""

from __future__ import annotations

import html
import re

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
#: The only classes kept: paragraph alignment (the 落款 and 成文日期 on the right, GB/T 9704-2012 §7.3.5).
ALLOWED_CLASSES = {"p": {"class": {"right", "center"}}}


def clean_html(html: str) -> str:
    """The stored form of user-supplied rich text."""
    html = nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        tag_attribute_values=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()
    return align_signature(html)


# 成文日期: 「2026年3月2日」 or in Chinese numerals 「二〇二六年三月二日」.
_DATE = re.compile(r"^(\d{4}|[〇零一二三四五六七八九○Ｏ]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日$")
_SENTENCE_END = ("。", "；", "：", "！", "？", "，")


def align_signature(html: str) -> str:
    """Right-align the 落款 (the issuing agency's name) and the 成文日期 that end a body, as on paper.

    The date is the last paragraph, alone; the one or two short paragraphs before it that are not
    sentences are the signature (never the body's first paragraph). Paragraphs already aligned by the author are left as they are.
    """
    matches = list(re.finditer(r"<p>(.*?)</p>", html, re.S))
    if not matches:
        return html
    last = matches[-1]
    if html[last.end():].strip() or not _DATE.match(_plain(last.group(1))):
        return html
    marked = [last]
    for m in reversed(matches[1:-1][-2:]):  # the body's first paragraph is never the signature
        text = _plain(m.group(1))
        between = html[m.end():marked[-1].start()].strip()
        if between or not text or len(text) > 40 or text.endswith(_SENTENCE_END):
            break
        marked.append(m)
    for m in sorted(marked, key=lambda m: m.start(), reverse=True):
        html = html[:m.start()] + '<p class="right">' + m.group(1) + "</p>" + html[m.end():]
    return html


def _plain(fragment: str) -> str:
    return re.sub(r"<[^>]+>|\s", "", fragment)


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
