"""The 正文 editor (issue 17 item 5) in a real browser: a toolbar over an editing area whose HTML goes
into the form's textarea and through the sanitiser; the toolbar works by keyboard; without JavaScript
the textarea is the editor."""

import pytest
from playwright.sync_api import expect

from gongkai.catalog.models import CatalogItem

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_format_a_body_with_the_toolbar_by_keyboard(cast, live_server, page, staff_login):
    staff_login(cast.handler_a)
    page.goto(f"{live_server.url}/staff/catalog/new/")
    page.get_by_label("标题").fill("关于开展科技创新券申领工作的通知")
    page.get_by_label("公开类别（条例依据）").select_option("20-11")
    page.get_by_label("主题分类").select_option("科技、教育")
    editor = page.get_by_role("textbox", name="正文")
    expect(editor).to_be_visible()
    expect(page.locator("textarea[name=body]")).to_be_hidden()

    editor.click()
    page.keyboard.type("一、申领条件")
    toolbar = page.get_by_role("toolbar", name="正文排版")
    toolbar.get_by_role("button", name="小标题").click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.type("注册地在本区的科技型中小企业。")
    page.keyboard.press("Enter")
    page.keyboard.type("北京市门头沟区科学技术和信息化局")
    # By keyboard: Shift+Tab from the text... the toolbar is one Tab stop; arrows move inside it.
    toolbar.get_by_role("button", name="小标题").focus()
    for _ in range(6):
        page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.textContent") == "居右（落款、日期）"
    editor.focus()  # the caret is still in the last paragraph
    page.evaluate("""() => { const p = document.querySelector('.rich-area').lastElementChild;
        const r = document.createRange(); r.selectNodeContents(p); r.collapse(false);
        const s = getSelection(); s.removeAllRanges(); s.addRange(r); }""")
    toolbar.get_by_role("button", name="居右（落款、日期）").press("Enter")
    page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_text("草稿已保存。")).to_be_visible()

    item = CatalogItem.objects.get()
    assert item.body.startswith("<h2>一、申领条件</h2>")
    assert "<p>注册地在本区的科技型中小企业。</p>" in item.body
    assert item.body.endswith('<p class="right">北京市门头沟区科学技术和信息化局</p>')
    assert page.locator(".body-text p.right").evaluate("p => getComputedStyle(p).textAlign") == "right"


def test_without_javascript_the_textarea_is_the_editor(cast, live_server, browser, staff_login):
    from django.test import Client

    from a11y import cookie_for

    client = Client()
    client.force_login(cast.handler_a)
    context = browser.new_context(java_script_enabled=False)
    context.add_cookies(cookie_for(client, live_server.url))
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/staff/catalog/new/")
        expect(page.get_by_role("toolbar")).to_have_count(0)
        expect(page.get_by_label("正文", exact=True)).to_be_visible()
        page.get_by_label("标题").fill("无脚本时的通知")
        page.get_by_label("公开类别（条例依据）").select_option("20-11")
        page.get_by_label("主题分类").select_option("科技、教育")
        page.get_by_label("正文", exact=True).fill("第一段\n区科信局\n2026年3月2日")
        page.get_by_role("button", name="保存草稿").click()
        expect(page.get_by_text("草稿已保存。")).to_be_visible()
    finally:
        context.close()
    assert CatalogItem.objects.get().body == '<p>第一段</p><p class="right">区科信局</p><p class="right">2026年3月2日</p>'
