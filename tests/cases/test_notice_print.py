"""Every notice kind printed as a person would check it: the DOCX through LibreOffice and the PDF are
A4 (GB/T 9704), at most two pages, and no page holds only the 落款 (署名 and date)."""

import io

import docx
import pytest

from gongkai.cases.documents import rendering, templates
from printcheck import check_print, libreoffice_pdfs, page_texts

pytestmark = pytest.mark.slow

AGENCY = "北京市门头沟区科学技术和信息化局"
DATE = "2026年3月5日"


def rendered(key: str, **overrides) -> rendering.Rendered:
    ctx = templates.sample_context()
    ctx.update(addressee="张三", agency_name=AGENCY, doc_date=DATE, remedy=(
        "如对本答复不服，可以在收到本答复书之日起60日内向北京市门头沟区人民政府申请行政复议，"
        "或者在6个月内依法向北京市门头沟区人民法院提起行政诉讼。"))
    ctx.update(overrides)
    title_tpl, body_tpl = templates.DEFAULT_TEMPLATES[key]
    body = templates.paragraphs(templates.render_text(body_tpl, ctx))
    return rendering.Rendered(title=templates.render_text(title_tpl, ctx), number="门科信公开〔2026〕第12号",
                              agency_name=AGENCY, paragraphs=body, date_text=DATE)


KEYS = [key for key, _ in templates.template_keys()]
LONG = range(1, 16)  # from one page to two: one of them ends at the foot of page 1


def long_body(n: int) -> str:
    return "经检索，" + "本机关对申请所涉年度的项目档案、财务凭证和会议纪要逐一进行了查找。" * n


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    work = tmp_path_factory.mktemp("notices")
    docs = {f"n{i}": rendering.to_docx(rendered(key)) for i, key in enumerate(KEYS)}
    # 答复书 whose bodies end at every line of the page bottom in turn: the 落款 never stands alone.
    for n in LONG:
        docs[f"long{n}"] = rendering.to_docx(rendered("reply.not_exist", body=long_body(n)))
    return docs, libreoffice_pdfs(docs, work)


@pytest.mark.parametrize("index", range(len(KEYS)), ids=KEYS)
def test_every_notice_docx_prints_on_a4_with_the_seal_block_on_a_body_page(converted, index):
    docx_files, pdfs = converted
    document = docx.Document(io.BytesIO(docx_files[f"n{index}"]))
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert check_print(pdfs[f"n{index}"], signature=(AGENCY, DATE), max_pages=2) >= 1


def test_the_seal_block_never_stands_alone_in_the_docx(converted):
    _, pdfs = converted
    pages = {n: check_print(pdfs[f"long{n}"], signature=(AGENCY, DATE)) for n in LONG}
    assert max(pages.values()) >= 2  # the bodies run onto a second page; check_print checked each 落款


@pytest.mark.parametrize("key", ["receipt", "correction", "reply.disclose", "disclose_third", "fee_notice"])
def test_the_pdf_passes_the_same_checks(key):
    assert check_print(rendering.to_pdf(rendered(key)), signature=(AGENCY, DATE), max_pages=2) >= 1


@pytest.mark.parametrize("n", LONG)
def test_the_long_pdf_keeps_body_lines_with_the_seal_block(n):
    pdf = rendering.to_pdf(rendered("reply.not_exist", body=long_body(n)))
    pages = check_print(pdf, signature=(AGENCY, DATE))
    assert len(page_texts(pdf)[pages - 1]) >= 3  # body lines + 署名 + date on the last page
