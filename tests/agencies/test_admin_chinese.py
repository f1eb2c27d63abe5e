"""/admin/ is in Chinese: app and model names, column headers, filters, change pages (issue 13)."""

import re
from pathlib import Path

from django.contrib import admin
from django.utils import translation

import gongkai

# Words a Chinese administrator reads as they are.
ALLOWED = {"gongkai", "IP", "ID", "HTTP", "GET", "POST", "SHA", "PDF", "JSON", "CSV", "URL", "RQ", "OK", "Accept",
           "Django", "holiday", "cn", "sha256", "Word", "Excel", "UTC",
           "chinese", "calendar"}  # 「chinese-calendar 程序库」: a library's name
WORD = re.compile(r"[A-Za-z][A-Za-z_]{2,}")


def _labels(body: str) -> str:
    """The labels of a change page (not the record's data): field labels, headings, legends, buttons."""
    found = re.findall(r"<(label|h1|h2|legend|th|button)\b[^>]*>(.*?)</\1>", body, flags=re.S)
    return "<div id=\"content\">" + " ".join(text for _, text in found)


def _english(body: str, data=frozenset()) -> set[str]:
    main = body.split('id="content"', 1)[-1].split(">", 1)[-1]  # the page below the header
    main = re.sub(r"<(script|style)\b.*?</\1>", " ", main, flags=re.S)
    text = re.sub(r"<[^>]*>", " ", main)
    text = re.sub(r"&[a-z]+;|&#\d+;", " ", text)
    return {w for w in WORD.findall(text) if w not in ALLOWED and w not in data}


def test_every_admin_page_is_in_chinese(client, cast):
    from axes.models import AccessLog

    from gongkai.agencies.models import User
    from gongkai.audit.services import record_event

    record_event(cast.admin, "agency.updated", cast.dept_a)
    client.force_login(cast.admin)
    # Records' own values (usernames, the browser's name) are data, not labels.
    data = set(User.objects.values_list("username", flat=True)) | {
        w for ua in AccessLog.objects.values_list("user_agent", flat=True) for w in WORD.findall(ua)
    }
    index = client.get("/admin/")
    assert index.status_code == 200
    assert _english(index.content.decode()) == set(), _english(index.content.decode())
    for model in admin.site._registry:
        opts = model._meta
        url = f"/admin/{opts.app_label}/{opts.model_name}/"
        page = client.get(url)
        assert page.status_code == 200, url
        assert _english(page.content.decode(), data) == set(), (url, _english(page.content.decode(), data))
        obj = model._default_manager.first()
        if obj is not None:
            change = client.get(f"{url}{obj.pk}/change/")
            assert change.status_code == 200, url
            labels = _labels(change.content.decode())
            assert _english(labels, data) == set(), (url, _english(labels, data))


def test_third_party_names_are_translated():
    with translation.override("zh-hans"):
        from axes.models import AccessAttempt

        assert str(AccessAttempt._meta.verbose_name_plural) == "登录失败记录"
        assert str(AccessAttempt._meta.get_field("user_agent").verbose_name) == "浏览器标识"


def test_the_compiled_catalogue_matches_its_source():
    import gettext

    folder = Path(gongkai.__file__).parent / "locale" / "zh_Hans" / "LC_MESSAGES"
    po = (folder / "django.po").read_text(encoding="utf-8")
    with open(folder / "django.mo", "rb") as f:
        mo = gettext.GNUTranslations(f)
    pairs = re.findall(r'(?:msgctxt "([^"]*)"\n)?msgid "((?:[^"\\]|\\.)+)"\nmsgstr "((?:[^"\\]|\\.)*)"', po)
    assert len(pairs) > 40
    for ctx, msgid, msgstr in pairs:
        got = mo.pgettext(ctx, msgid) if ctx else mo.gettext(msgid)
        assert got == msgstr, f"{msgid}: recompile with `msgfmt -o django.mo django.po`"
