"""Screenshots of the public portal for the README (docs/screenshots/), at 1280 px and 390 px.

Against a running demo site (`./dev serve 127.0.0.1:8080` in another terminal):

    .venv/bin/python scripts/screenshots.py http://127.0.0.1:8080

Needs the test extra (Playwright) and Debian's chromium (GONGKAI_CHROMIUM to use another). Each picture is the
first screen of the page, except the report, which is scrolled to 表三 and 表四.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
WIDTHS = {1280: 900, 390: 844}


def item_url(page, base: str) -> str:
    page.goto(f"{base}/gk/mtg-kxj/catalog/")
    href = page.locator("a[href*='/item/']").filter(has_not_text="年度报告").first.get_attribute("href")
    return re.sub(r"^(?!https?:)", base, href)


def main(base: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    chromium = os.environ.get("GONGKAI_CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        for width, height in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            shots = {
                "home": f"{base}/",
                "guide": f"{base}/gk/mtg-kxj/",
                "item": item_url(page, base),
                "report": f"{base}/nianbao/mtg-kxj/2022/",
            }
            for name, url in shots.items():
                page.goto(url)
                if name == "report":
                    page.locator("#t3-h").evaluate("h => window.scrollTo(0, h.getBoundingClientRect().top"
                                                   " + window.scrollY - 8)")
                path = OUT / f"portal-{name}-{width}.png"
                page.screenshot(path=str(path))
                print(path.relative_to(OUT.parent.parent))
            page.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8080")
