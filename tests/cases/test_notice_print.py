"""Every notice kind printed as a person would check it: the DOCX through LibreOffice and the PDF are
A4 (GB/T 9704), one page for a short notice, and no page holds only the 落款 (署名 and date)."""

import io

import docx
import pytest

from gongkai.cases import documents
from printcheck import check_print, libreoffice_pdfs, page_texts

pytestmark = pytest.mark.slow

AGENCY = "北京市门头沟区科学技术和信息化局"
DATE = "2026年3月5日"


def rendered(key: str, **overrides) -> documents.Rendered:
    ctx = documents.sample_context()
    ctx.update(addressee="张三", agency_name=AGENCY, doc_date=DATE, remedy=(
        "如对本答复不服，可以在收到本答复书之日起60日内向北京市门头沟区人民政府申请行政复议，"
        "或者在6个月内依法向北京市门头沟区人民法院提起行政诉讼。"))
    ctx.update(overrides)
    title_tpl, body_tpl = documents.DEFAULT_TEMPLATES[key]
    body = documents.paragraphs(documents.render_text(body_tpl, ctx))
    return documents.Rendered(title=documents.render_text(title_tpl, ctx), number="门科信公开〔2026〕第12号",
                              agency_name=AGENCY, paragraphs=body, date_text=DATE)


KEYS = [key for key, _ in documents.template_keys()]


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    work = tmp_path_factory.mktemp("notices")
    docs = {f"n{i}": documents.to_docx(rendered(key)) for i, key in enumerate(KEYS)}
    # A 答复书 whose body fills page 1 to the last lines: the 落款 must not stand alone on page 2.
    long_body = "经检索，" + "本机关对申请所涉年度的项目档案、财务凭证和会议纪要逐一进行了查找。" * 23
    docs["long"] = documents.to_docx(rendered("reply.not_exist", body=long_body))
    return docs, libreoffice_pdfs(docs, work)


@pytest.mark.parametrize("index", range(len(KEYS)), ids=KEYS)
def test_every_notice_docx_prints_on_one_a4_page(converted, index):
    docx_files, pdfs = converted
    document = docx.Document(io.BytesIO(docx_files[f"n{index}"]))
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert check_print(pdfs[f"n{index}"], signature=(AGENCY, DATE), max_pages=1) == 1


def test_the_seal_block_never_stands_alone_in_the_docx(converted):
    _, pdfs = converted
    pages = check_print(pdfs["long"], signature=(AGENCY, DATE))
    assert pages == 2  # page 2 carries the last lines of the body with the 落款


@pytest.mark.parametrize("key", ["receipt", "correction", "reply.disclose", "disclose_third", "fee_notice"])
def test_the_pdf_passes_the_same_checks(key):
    assert check_print(documents.to_pdf(rendered(key)), signature=(AGENCY, DATE), max_pages=1) == 1


def test_the_long_pdf_keeps_body_lines_with_the_seal_block():
    long_body = "经检索，" + "本机关对申请所涉年度的项目档案、财务凭证和会议纪要逐一进行了查找。" * 23
    pdf = documents.to_pdf(rendered("reply.not_exist", body=long_body))
    assert check_print(pdf, signature=(AGENCY, DATE)) == 2
    assert len(page_texts(pdf)[1]) >= 3  # body lines + 署名 + date
