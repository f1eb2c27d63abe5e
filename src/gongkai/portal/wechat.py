"""公众号-ready rendering of a catalogue item.

The WeChat editor drops <style> blocks, classes, ids and most external links when HTML is pasted
into it; what survives is inline `style` on basic tags (section, p, span, strong, table…) and
images. So every element gets its look inline, links become their text followed by the address
in brackets, and the whole article sits in one <section>. The input is the sanitised 正文
(catalog.sanitize), so no script can be carried over either.
"""

from __future__ import annotations

from html import escape

from selectolax.lexbor import LexborHTMLParser

FONT = "font-family:-apple-system,BlinkMacSystemFont,'PingFang SC','Microsoft YaHei',sans-serif;"
STYLES = {
    "p": "margin:0 0 16px;line-height:1.8;font-size:16px;color:#333;text-align:justify;letter-spacing:0.5px;",
    "h2": "margin:24px 0 12px;font-size:18px;font-weight:bold;color:#a4161a;line-height:1.5;",
    "h3": "margin:20px 0 10px;font-size:17px;font-weight:bold;color:#333;line-height:1.5;",
    "h4": "margin:16px 0 8px;font-size:16px;font-weight:bold;color:#333;line-height:1.5;",
    "h5": "margin:16px 0 8px;font-size:16px;font-weight:bold;color:#333;line-height:1.5;",
    "ul": "margin:0 0 16px;padding-left:24px;font-size:16px;color:#333;line-height:1.8;",
    "ol": "margin:0 0 16px;padding-left:24px;font-size:16px;color:#333;line-height:1.8;",
    "li": "margin:0 0 6px;",
    "blockquote": "margin:0 0 16px;padding:8px 12px;border-left:4px solid #d0d0d0;color:#555;background:#f7f7f7;",
    "table": "width:100%;border-collapse:collapse;margin:0 0 16px;font-size:14px;",
    "caption": "font-weight:bold;padding:4px;font-size:14px;",
    "th": "border:1px solid #999;padding:6px;background:#f2f2f2;font-weight:bold;text-align:center;",
    "td": "border:1px solid #999;padding:6px;",
    "img": "max-width:100%;height:auto;display:block;margin:0 auto 16px;",
    "strong": "font-weight:bold;",
    "b": "font-weight:bold;",
    "em": "font-style:italic;",
    "hr": "border:0;border-top:1px solid #ddd;margin:16px 0;",
}


def style_body(html: str) -> str:
    """The clean 正文 with inline styles on every element and links spelled out."""
    if not html:
        return ""
    tree = LexborHTMLParser(f"<div id='wx-root'>{html}</div>")
    root = tree.css_first("#wx-root")
    for a in root.css("a"):
        href = a.attributes.get("href") or ""
        text = a.text(strip=True)
        label = escape(text)
        if href and href != text and not href.startswith("mailto:"):
            label += f"（链接：{escape(href)}）"
        span = f'<span style="color:#576b95;">{label}</span>'
        a.replace_with(LexborHTMLParser(span).css_first("span"))
    for node in root.traverse(include_text=False):
        if node is root:
            continue
        tag = node.tag
        for attr in ("class", "id", "rel"):
            if attr in node.attributes:
                del node.attrs[attr]
        if tag in STYLES:
            node.attrs["style"] = STYLES[tag]
    return root.inner_html


def render_wechat(item, item_url: str = "") -> str:
    """A self-contained <section> to paste into the 公众号 editor."""
    meta = [f"发布机构：{escape(item.publisher)}"]
    if item.doc_no:
        meta.append(f"文号：{escape(item.doc_no)}")
    if item.published_on:
        meta.append(f"发布日期：{item.published_on:%Y年%m月%d日}".replace("年0", "年").replace("月0", "月"))
    if item.index_no:
        meta.append(f"索引号：{escape(item.index_no)}")
    parts = [
        f'<section style="{FONT}padding:0 4px;">',
        f'<h1 style="font-size:21px;font-weight:bold;line-height:1.5;margin:0 0 12px;color:#222;text-align:center;">{escape(item.title)}</h1>',
        f'<p style="font-size:13px;color:#595959;line-height:1.6;margin:0 0 20px;text-align:center;">{"　".join(meta)}</p>',
    ]
    if item.summary:
        parts.append(
            '<section style="margin:0 0 20px;padding:10px 12px;background:#f7f3ee;border-radius:4px;font-size:15px;'
            f'color:#555;line-height:1.7;"><strong style="font-weight:bold;">内容概述：</strong>{escape(item.summary)}</section>'
        )
    parts.append(style_body(item.body))
    if item_url:
        parts.append(
            f'<p style="font-size:13px;color:#595959;line-height:1.6;margin:24px 0 0;">原文：{escape(item_url)}</p>'
        )
    parts.append("</section>")
    return "".join(parts)
