"""正文 is cleaned with an allow-list: no script, event handler or javascript: URL survives."""

import pytest

from gongkai.catalog import services
from gongkai.catalog.sanitize import clean_html, html_to_text

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//xss.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<img src=\"javascript:alert(1)\">",
    "<a href=\"javascript:alert(1)\">点我</a>",
    "<a href=\"JaVaScRiPt:alert(1)\">点我</a>",
    "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
    "<a href=\"  javascript:alert(1)\">x</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<body onload=alert(1)>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<p style=\"background:url(javascript:alert(1))\">x</p>",
    "<div onmouseover=\"alert(1)\">x</div>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<form action=\"javascript:alert(1)\"><button>x</button></form>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    "<link rel=stylesheet href=\"javascript:alert(1)\">",
    "<style>@import 'javascript:alert(1)';</style>",
    "<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>script>alert(1)<</script>/script>",
    "<!--<script>alert(1)</script>-->",
    "<p>正常</p><script>document.cookie</script>",
    "<a href=\"vbscript:msgbox(1)\">x</a>",
    "<video><source onerror=\"alert(1)\"></video>",
    "<img src=\"x\" / onerror=alert(1)>",
    "<a href=\"java\tscript:alert(1)\">x</a>",
]

BAD_MARKERS = ("<script", "onerror", "onload", "onmouseover", "ontoggle", "onfocus", "javascript:", "vbscript:",
               "data:text", "<iframe", "<object", "<embed", "<svg", "<style", "style=", "<meta", "<base", "<form",
               "<link", "<input", "<body", "<details", "background=")


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_no_payload_survives(payload):
    cleaned = clean_html(payload).lower()
    for marker in BAD_MARKERS:
        assert marker not in cleaned, (payload, cleaned)


def test_ordinary_official_markup_is_kept():
    html = ('<h2>一、总体要求</h2><p><strong>各有关单位：</strong></p><ol><li>第一项</li></ol>'
            '<table><tr><th scope="col">序号</th><td colspan="2">金额</td></tr></table>'
            '<p><a href="https://www.gov.cn/zhengce/">国务院政策</a></p>')
    cleaned = clean_html(html)
    for kept in ("<h2>", "<strong>", "<ol>", 'colspan="2"', 'scope="col"', 'href="https://www.gov.cn/zhengce/"',
                 'rel="noopener noreferrer"'):
        assert kept in cleaned


def test_the_stored_body_is_the_cleaned_one_and_search_text_is_plain(cast, make_item):
    item = make_item(body="<p onclick=\"steal()\">科技<script>alert(1)</script>创新</p><img src=x onerror=alert(1)>")
    assert "script" not in item.body and "onclick" not in item.body and "onerror" not in item.body
    assert item.body_text == "科技创新"
    services.update_draft(item, {"body": "<a href=\"javascript:alert(1)\">链接</a>"}, acting_user=cast.handler_a)
    item.refresh_from_db()
    assert "javascript" not in item.body


def test_html_to_text_separates_blocks():
    assert html_to_text("<p>一</p><p>二</p><table><tr><td>甲</td><td>乙</td></tr></table>") == "一\n二\n甲 乙"
