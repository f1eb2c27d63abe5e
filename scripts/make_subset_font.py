"""Make the subset CJK font that the PDF renderer embeds (run once; the result is committed).

    .venv/bin/pip install -e '.[scripts]'                   # fontTools, once
    .venv/bin/python scripts/make_subset_font.py [SOURCE.ttc] [OUT.otf]
    .venv/bin/python scripts/make_subset_font.py --bold      # the title face (GB/T 9704 小标宋-style)

WeasyPrint subsets every font face per render, and subsetting the stock 20–27 MB Noto CJK TTCs
takes ~4 s per face (docs/stack.md §1.4). A pre-subset face (GB2312 repertoire + ASCII + CJK/full-width
punctuation, ~7 200 characters) brings a report render to about 1 s. Characters outside GB2312
(rare name characters such as 堃/镕) fall back to the system's full Noto CJK fonts through the CSS
`font-family` list.

Source: Noto Serif CJK SC Regular and Bold (fonts-noto-cjk, SIL Open Font License 1.1). The OFL
allows modified versions; the subsets are renamed so they are not confused with the originals.
The Bold face stands in for 方正小标宋简体 (the title face of GB/T 9704-2012, not freely licensed);
no freely licensed 仿宋 face is packaged in Debian, PyPI or the npm registry (cwTeX FangSong is
Traditional-only and GPL), so the body uses the Regular face (gongkai.core.gbt9704).
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

FONTS = Path(__file__).resolve().parent.parent / "src" / "gongkai" / "fonts"
SOURCE = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
OUT = FONTS / "GongkaiSerifSC-Regular.otf"
BOLD_SOURCE = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"
BOLD_OUT = FONTS / "GongkaiSerifSC-Bold.otf"
FAMILY = "Gongkai Serif SC"


def gb2312_chars() -> set[str]:
    chars: set[str] = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):  # unassigned code points
                chars.add(bytes([hi, lo]).decode("gb2312"))
    return chars


def repertoire() -> set[int]:
    codepoints = {ord(c) for c in gb2312_chars()}
    codepoints |= set(range(0x20, 0x7F))  # ASCII
    codepoints |= {0xA0, 0xB7, 0xD7, 0xF7}  # NBSP, middle dot, ×, ÷
    codepoints |= set(range(0x2000, 0x2070))  # general punctuation: “ ” ‘ ’ — … ‰
    codepoints |= set(range(0x2460, 0x24A0))  # ①–⑳ and friends
    codepoints |= set(range(0x3000, 0x3040))  # CJK symbols and punctuation: 、。〔〕「」【】
    codepoints |= set(range(0xFF00, 0xFFF0))  # full-width forms: （）：，％
    codepoints |= {0x2116, 0x2103, 0x25A1, 0x25CB, 0x25CF, 0x2605, 0x2606, 0x203B}  # № ℃ □ ○ ● ★ ☆ ※
    return codepoints


def find_sc_face(path: str):
    collection = TTCollection(path)
    for font in collection.fonts:
        if font["name"].getDebugName(1).endswith(" SC"):
            return font
    raise SystemExit(f"{path} 中没有简体中文（SC）字体")


def main(argv: list[str]) -> int:
    bold = "--bold" in argv
    argv = [a for a in argv if a != "--bold"]
    source = argv[0] if argv else (BOLD_SOURCE if bold else SOURCE)
    out = Path(argv[1]) if len(argv) > 1 else (BOLD_OUT if bold else OUT)
    family = f"{FAMILY} Bold" if bold else FAMILY
    style = "Bold" if bold else "Regular"
    font = find_sc_face(source)
    options = subset.Options()
    options.layout_features = ["*"]  # keep vert/vrt2 etc.; cheap and useful
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=repertoire())
    subsetter.subset(font)
    # Rename the modified version (OFL §3 courtesy; the family name is what CSS refers to anyway).
    name = font["name"]
    for record in list(name.names):
        if record.nameID in (1, 16):
            name.setName(family, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID in (3, 4):
            name.setName(f"{FAMILY} {style}", record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 6:
            name.setName(f"GongkaiSerifSC-{style}", record.nameID, record.platformID, record.platEncID, record.langID)
    out.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(out))
    print(f"{out}: {len(font.getBestCmap())} 个字符, {out.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
