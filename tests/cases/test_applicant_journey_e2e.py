"""The applicant's journey in a real browser (Debian's chromium against a live server), issue 12:

apply online → the 受理回执 arrives by e-mail with its PDF → the tracking page shows the 补正 and takes
the answer → staff confirm it in one click → the 答复书 arrives with the supplied XLSX attached → both
downloaded from the tracking page. Mail is read from Django's test outbox and the attachments opened.
"""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pdfplumber
import pytest
from django.core import mail
from openpyxl import Workbook, load_workbook

from .conftest import id_card
from .test_browser_e2e import act

pytestmark = pytest.mark.e2e


@pytest.fixture
def march(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=True)


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "".join(page.extract_text() or "" for page in pdf.pages).replace(" ", "").replace("\n", "")


def test_apply_get_the_receipt_answer_the_correction_and_download_the_reply(
        live_server, page, cast, staff_login, march, agency_ready, tmp_path):
    base = live_server.url
    mail.outbox.clear()
    # -- apply online --------------------------------------------------------------------------------
    page.goto(f"{base}/apply/")
    page.get_by_label("向哪个机关申请").select_option(label=cast.dept_a.name)
    page.get_by_label("自然人", exact=True).check()
    page.get_by_label("姓名或名称").fill("张三")
    page.get_by_label("证件号码").fill(id_card())
    page.get_by_label("联系电话").fill("13800005678")
    page.get_by_label("电子邮箱").fill("zhangsan@example.com")
    page.get_by_label("通信地址").fill("北京市门头沟区新桥大街1号")
    page.get_by_label("所需政府信息的名称").fill("2025年度区级科技项目立项清单")
    page.get_by_label("便于查询的其他特征性描述").fill("含项目名称和资助金额")
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url(f"{base}/apply/done/")
    code = page.get_by_test_id("tracking-code").inner_text().strip()

    # -- staff confirm receipt: the 受理回执 is e-mailed at once, its PDF attached ---------------------
    page.context.clear_cookies()
    staff_login(cast.handler_a)
    page.goto(f"{base}/staff/cases/")
    page.get_by_role("link", name="2026-0001").click()
    act(page, "confirm", {"on": "2026-03-02"})
    receipts = [m for m in mail.outbox if "受理回执" in m.subject]
    assert len(receipts) == 1 and receipts[0].to == ["zhangsan@example.com"]
    name, data, mimetype = receipts[0].attachments[0]
    assert name.endswith(".pdf") and mimetype == "application/pdf"
    assert "政府信息公开申请受理回执" in pdf_text(data) and "2026年3月30日" in pdf_text(data)

    act(page, "correction", {"items": "请写明项目所属年度\n请写明项目类别", "deadline": "2026-03-16", "on": "2026-03-02"})
    assert any("补正告知书" in m.subject for m in mail.outbox)

    # -- the applicant sees and answers the 补正 on the tracking page -----------------------------------
    page.context.clear_cookies()
    page.goto(f"{base}/track/")
    page.get_by_label("查询码").fill(code)
    page.get_by_label("联系电话后四位或查询密码").fill("5678")
    page.get_by_role("button", name="查询").click()
    page.wait_for_url(f"{base}/track/status/")
    items = page.get_by_test_id("correction-items").inner_text()
    assert "请写明项目所属年度" in items and "请写明项目类别" in items
    assert "2026年3月16日" in page.get_by_test_id("correction-deadline").inner_text()
    page.get_by_label("补正内容").fill("所需为2025年度的区级科技计划项目。")
    page.get_by_role("button", name="提交补正").click()
    page.wait_for_url(f"{base}/track/status/")
    assert page.get_by_test_id("correction-pending").is_visible()

    # -- staff confirm in one click, reply with a spreadsheet, the reviewer approves --------------------
    page.context.clear_cookies()
    staff_login(cast.handler_a)
    page.goto(f"{base}/staff/cases/")
    page.get_by_role("link", name="2026-0001").click()
    act(page, "correction_online")
    assert page.get_by_test_id("status").inner_text() == "办理中"
    sheet = tmp_path / "2025年度区级科技项目立项清单.xlsx"
    wb = Workbook()
    wb.active.append(["项目名称", "资助金额（万元）"])
    wb.active.append(["智慧社区平台", 50])
    wb.save(sheet)
    panel = page.locator("#action-reply")
    panel.locator("summary").click()
    panel.locator("#id_reply-outcome").select_option("disclose")
    panel.locator("#id_reply-body").fill("清单含项目名称和资助金额。")
    panel.locator("#id_reply-provide_form").select_option("email")
    panel.locator("#id_reply-delivery").select_option("email")
    panel.locator("#id_reply-files").set_input_files(str(sheet))
    panel.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".message.success").first.is_visible(), page.locator("main").inner_text()[:800]
    page.context.clear_cookies()
    staff_login(cast.reviewer_a)
    page.goto(f"{base}/staff/cases/?scope=all")
    page.get_by_role("link", name="2026-0001").click()
    act(page, "approve_reply", {"on": "2026-03-02"})

    replies = [m for m in mail.outbox if "答复书" in m.subject]
    assert len(replies) == 1
    (pdf_name, pdf, _), (xlsx_name, xlsx, _) = replies[0].attachments
    assert pdf_name.startswith("政府信息公开申请答复书") and "予以公开" in pdf_text(pdf)
    assert xlsx_name == sheet.name and load_workbook(io.BytesIO(xlsx)).active["A2"].value == "智慧社区平台"

    # -- both downloaded from the tracking page ----------------------------------------------------------
    page.context.clear_cookies()
    page.goto(f"{base}/track/")
    page.get_by_label("查询码").fill(code)
    page.get_by_label("联系电话后四位或查询密码").fill("5678")
    page.get_by_role("button", name="查询").click()
    page.wait_for_url(f"{base}/track/status/")
    with page.expect_download() as got:
        page.get_by_test_id("documents").get_by_role("link", name="政府信息公开申请答复书").click()
    assert "予以公开" in pdf_text(got.value.path().read_bytes())
    with page.expect_download() as got:
        page.get_by_test_id("files").get_by_role("link", name=sheet.name).click()
    assert got.value.suggested_filename == sheet.name
    assert load_workbook(io.BytesIO(got.value.path().read_bytes())).active["B2"].value == 50
