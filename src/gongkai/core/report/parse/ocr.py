"""Scanned PDFs (no text layer): pages read by OCR, offline, with Debian's `tesseract-ocr` and
`tesseract-ocr-chi-sim` (the CLI, nothing downloaded at run time).

Each page is rendered (pypdfium2, the renderer pdfplumber already uses), straightened (a small
rotation is found from the horizontal projection profile), cleaned (median filter against speckle
noise, table rules removed so that they do not read as characters) and read by tesseract, which
gives every word with its position and confidence. The words become the same lines and
positioned words as a PDF text layer (`pdf.pdf_to_lines`), so the tables are located the same way:
labels anchor the rows, header positions place the values under their columns.

OCR is never trusted on its own (`confirm`): a value read with low confidence is reported
undecidable (what was seen is kept as `raw`), a column where the scan shows nothing is not taken
for a blank, and every value must then satisfy the 勾稽 relations (表三 H1–H3, 表四 H4); cells of
a relation that does not hold are undecidable. 表二 has no relation, so only the confidence speaks
for it.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess

from gongkai.core.report.parse.errors import ParseError
from gongkai.core.report.parse.normalize import clean_document

DPI = 300
MIN_CONFIDENCE = 80.0  # tesseract word confidence (0–100) below which a number is not taken
LANG = "chi_sim"
TIMEOUT = 120  # seconds per page
MAX_PAGES = 60
OCR_SOURCE = "扫描件文字识别"


def available() -> bool:
    """Whether tesseract with the simplified-Chinese (and the English, for digits) model is installed."""
    exe = shutil.which("tesseract")
    if exe is None:
        return False
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return {LANG, "eng"} <= set(out.split())


def ocr_pdf(data: bytes) -> tuple[list[tuple[str, str]], list[list[tuple[str, float]]], dict[tuple, float]]:
    """([(line, provenance)], [[(word, x centre)]], {(line index, word index): confidence 0–1})."""
    import pypdfium2

    if not available():
        raise ParseError(
            "PDF没有文字层（扫描件），需要文字识别（OCR），但本机未安装 tesseract-ocr 和 tesseract-ocr-chi-sim"
        )
    try:
        pdf = pypdfium2.PdfDocument(data)
    except Exception as exc:  # noqa: BLE001 - any pdfium failure is a damaged file
        raise ParseError(f"PDF 文件损坏或无法读取（{type(exc).__name__}）") from None
    if len(pdf) > MAX_PAGES:
        raise ParseError(f"扫描件共{len(pdf)}页，超过文字识别的{MAX_PAGES}页上限")
    lines: list[tuple[str, str]] = []
    words: list[list[tuple[str, float]]] = []
    confidence: dict[tuple, float] = {}
    for number in range(len(pdf)):
        image = pdf[number].render(scale=DPI / 72, grayscale=True).to_pil().convert("L")
        for row, text_words in enumerate(read_page(image), start=1):
            index = len(lines)
            items = [(w, x) for w, x, _ in text_words]
            for j, (_, _, conf) in enumerate(text_words):
                confidence[(index, j)] = conf
            # provenance: 「第4页第12行（扫描件文字识别）」
            lines.append((" ".join(w for w, _ in items), f"第{number + 1}页第{row}行（{OCR_SOURCE}）"))
            words.append(items)
    pdf.close()
    if not lines:
        raise ParseError("PDF没有文字层，文字识别（OCR）也没有识别出文字：可能是空白页或图像过于模糊")
    return lines, words, confidence


def _tesseract(png: bytes, *args: str) -> str:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        done = subprocess.run(
            ["tesseract", "stdin", "stdout", *args, "tsv"], input=png, capture_output=True, timeout=TIMEOUT, env=env
        )
    except subprocess.TimeoutExpired:
        raise ParseError("扫描件文字识别超时") from None
    if done.returncode != 0:
        raise ParseError("扫描件文字识别失败（tesseract 出错）")
    return done.stdout.decode("utf-8", "replace")


_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


def read_page(image) -> list[list[tuple[str, float, float]]]:
    """The words of one page image, line by line: [(text, x centre, confidence 0–100)].

    The page is read twice: with the Chinese model, and with a digits-only reading. A number
    counts as confident only when both readings agree on it at the same place; otherwise its
    confidence is 0 (two readers that disagree decide nothing)."""
    image = prepare(image)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    png = buffer.getvalue()
    words = _tsv_words(_tesseract(png, "-l", LANG, "--psm", "6"))
    digits = [w for w in _tsv_words(_tesseract(png, "-l", "eng", "--psm", "6", "-c",
                                               "tessedit_char_whitelist=0123456789.")) if _NUMBER.match(w[1])]
    checked = []
    for key, text, box, conf in words:
        if _NUMBER.match(text) and conf >= MIN_CONFIDENCE:
            left, top, right, bottom = box
            seen = "".join(
                t for _, t, (l2, t2, r2, b2), _ in sorted(digits, key=lambda w: w[2][0])
                if left - 3 <= (l2 + r2) / 2 <= right + 3 and top - 3 <= (t2 + b2) / 2 <= bottom + 3
            )
            if seen != text:
                conf = 0.0
        checked.append((key, text, box, conf))
    rows: dict[tuple, list[tuple[int, str, float, float]]] = {}
    for key, text, (left, _top, right, _bottom), conf in checked:
        rows.setdefault(key, []).append((left, text, (left + right) / 2, conf))
    out = []
    for key in sorted(rows):
        items = sorted(rows[key])
        out.append(_merge_cjk([(text, x, conf) for _, text, x, conf in items]))
    return out


def _tsv_words(tsv: str) -> list[tuple[tuple, str, tuple[int, int, int, int], float]]:
    """[(line key, text, (left, top, right, bottom), confidence)] of tesseract's TSV output."""
    out = []
    for rec in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        if rec.get("level") != "5":
            continue
        text = clean_document(rec.get("text") or "").strip()
        if not text:
            continue
        try:
            left, top, width, height = (int(rec[k]) for k in ("left", "top", "width", "height"))
            conf = float(rec["conf"])
            key = (int(rec["block_num"]), int(rec["par_num"]), int(rec["line_num"]))
        except (KeyError, TypeError, ValueError):
            continue
        out.append((key, text, (left, top, left + width, top + height), conf))
    return out


_CJK = re.compile(r"^[\u4e00-\u9fff（）()、“”\"，,：:。．.]+$")


def _merge_cjk(words: list[tuple[str, float, float]]) -> list[tuple[str, float, float]]:
    """Consecutive words of Chinese text are one label (tesseract splits them character by character)."""
    out: list[tuple[str, float, float]] = []
    for text, x, conf in words:
        if out and _CJK.match(text) and _CJK.match(out[-1][0]):
            prev, px, pconf = out[-1]
            out[-1] = (prev + text, (px + x) / 2, min(pconf, conf))
        else:
            out.append((text, x, conf))
    return out


# -- image preparation -------------------------------------------------------------------------


def prepare(image):
    """Straighten, despeckle and remove the table rules of a greyscale page image."""
    from PIL import Image, ImageFilter

    image = image.filter(ImageFilter.MedianFilter(3))
    angle = skew_angle(image)
    if abs(angle) >= 0.1:
        image = image.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255)
    return remove_rules(image)


def skew_angle(image, limit: float = 3.0, step: float = 0.1) -> float:
    """The rotation (degrees) that makes text lines and table rules horizontal: the angle whose
    horizontal projection profile is sharpest."""
    from PIL import Image

    small = image.resize((max(1, image.width // 4), max(1, image.height // 4)))
    ink = small.point(lambda p: 255 if p < 160 else 0)

    def sharpness(angle: float) -> int:
        turned = ink.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0)
        profile = turned.resize((1, turned.height), Image.Resampling.BOX).tobytes()
        return sum((a - b) ** 2 for a, b in zip(profile, profile[1:], strict=False))

    best, best_score = 0.0, sharpness(0.0)
    coarse = [i * 0.5 for i in range(-int(limit / 0.5), int(limit / 0.5) + 1)]
    for angle in coarse:
        score = sharpness(angle)
        if score > best_score:
            best, best_score = angle, score
    centre = best
    for i in range(-5, 6):
        angle = round(centre + i * step, 2)
        if abs(angle) > limit or i == 0:
            continue
        score = sharpness(angle)
        if score > best_score:
            best, best_score = angle, score
    return best


def _runs(image, min_length: int) -> list[tuple[int, int, int]]:
    width = image.width
    data = image.tobytes()
    dark = re.compile(rb"[\x00-\x9f]{%d,}" % min_length)
    out = []
    for y in range(image.height):
        for m in dark.finditer(data, y * width, (y + 1) * width):
            out.append((y, m.start() - y * width, m.end() - y * width))
    return out


def remove_rules(image):
    """Table rules painted white: dark runs far longer than any character, across or down."""
    from PIL import Image, ImageDraw

    image = image.copy()
    draw = ImageDraw.Draw(image)
    for y, a, b in _runs(image, max(40, image.width // 8)):
        draw.line([(a, y), (b, y)], fill=255)
    down = image.transpose(Image.Transpose.TRANSPOSE)
    for x, a, b in _runs(down, max(40, image.height // 30)):
        draw.line([(x, a), (x, b)], fill=255)
    return image


# -- tokens and confirmation ---------------------------------------------------------------------

LOW = "识别置信度低："  # Cell.raw prefix of a number OCR'd with low confidence


def ocr_tokens(lines, words, confidence):
    """Tokens as for a PDF text layer; a number read with low confidence is marked (`raw`)."""
    from gongkai.core.report.parse.tokens import NUM, _fix_spaced_units, _free_line

    out = []
    for i, (line, src) in enumerate(lines):
        if not line.strip():
            continue
        for j, (word, x) in enumerate(words[i]):
            start = len(out)
            _free_line(word, src, out)
            conf = confidence.get((i, j), 100.0)
            for tok in out[start:]:
                tok.x = x
                if tok.kind == NUM:
                    tok.conf = min(1.0, conf / 100)
                    if conf < MIN_CONFIDENCE:
                        tok.raw = f"{LOW}识别为「{tok.text}」（置信度{conf:.0f}）"
    _fix_spaced_units(out)
    for t in out:
        if t.value == "glue":
            t.value = None
    return out


def confirm(report) -> None:
    """Keep only what the scan confirms (see the module docstring); the rest becomes undecidable."""
    from gongkai.core.report.schema import Undecided
    from gongkai.core.report.validate.engine import cell_at, expected_paths
    from gongkai.core.vocabulary import TABLE3_COLUMNS, TABLE4_COLUMNS, RemedyKind

    doubts: dict[str, str] = {}
    for path in expected_paths(report):
        cell = cell_at(report, path)
        if not cell.found:
            continue
        raw = cell.raw or ""
        if raw.startswith(LOW):
            doubts[path] = raw
        elif "按空白处理" in raw:
            doubts[path] = "扫描件中该格没有识别出数字（可能空白，也可能漏识），无法确定"
    # a row of 表三 / a group of 表四 is confirmed as a whole by its total, or not at all
    groups = [[f"table3.{key}.{c}" for c in TABLE3_COLUMNS] for key in report.table3]
    groups += [[f"table4.{kind.value}.{c}" for c in TABLE4_COLUMNS] for kind in RemedyKind]
    for paths in groups:
        if any(p in doubts or not cell_at(report, p).found for p in paths):
            for p in paths:
                if cell_at(report, p).found:
                    doubts.setdefault(p, "同一行（组）有未能确认的数值，合计无法核对")
    for path, why in _relations_failing(report, doubts):
        doubts.setdefault(path, why)
    for path in expected_paths(report):
        if not cell_at(report, path).found and path not in doubts and not _listed(report, path):
            # a scan may have lost a label or a number: its absence is not the document's
            doubts[path] = "扫描件中未能识别出该单元格"
    for path, why in doubts.items():
        cell = cell_at(report, path)
        seen = cell.value
        if not cell.found:
            report.undecided[path] = Undecided(why, [path], [])
            continue
        _set_missing(report, path)
        candidates = [(seen,)] if seen is not None and "按空白处理" not in (cell.raw or "") else []
        report.undecided[path] = Undecided(why, [path], candidates)


def _listed(report, path: str) -> bool:
    return any(path in entry.columns for entry in report.undecided.values())


def _set_missing(report, path: str) -> None:
    from gongkai.core.report.schema import Cell
    from gongkai.core.report.validate.engine import split_path
    from gongkai.core.vocabulary import TABLE3_COLUMNS, TABLE4_COLUMNS

    table, row, col = split_path(path)
    if table == "table2":
        report.table2[row][col] = Cell.missing()
    elif table == "table3":
        report.table3[row][TABLE3_COLUMNS.index(col)] = Cell.missing()
    elif table == "table4":
        report.table4[row][TABLE4_COLUMNS.index(col)] = Cell.missing()


def _relations_failing(report, doubts: dict[str, str]):
    """(path, reason) for every known cell of a 表三/表四 relation that does not hold."""
    from gongkai.core.report.validate.engine import cell_at
    from gongkai.core.vocabulary import TABLE3_COLUMNS, TABLE4_COLUMNS, RemedyKind

    def num(path):
        if path in doubts:
            return None
        cell = cell_at(report, path)
        if not cell.found:
            return None
        return 0 if cell.value is None else cell.value if isinstance(cell.value, int) else None

    def check(paths_lhs, paths_rhs, why):
        values = [num(p) for p in paths_lhs + paths_rhs]
        if any(v is None for v in values):
            return []
        lhs = sum(values[: len(paths_lhs)])
        rhs = sum(values[len(paths_lhs) :])
        return [] if lhs == rhs else [(p, why) for p in paths_lhs + paths_rhs]

    out = []
    parts, total = TABLE3_COLUMNS[:-1], TABLE3_COLUMNS[-1]
    for key in report.table3:
        out += check([f"table3.{key}.{total}"], [f"table3.{key}.{c}" for c in parts], "识别结果不满足行合计（H2）")
    results = [k for k in report.table3 if k.startswith("R3") and k != "R3g"]
    if report.table3_extra_rows:
        results = []  # （六） printed as one row: H3 left to the validator
    for col in TABLE3_COLUMNS:
        out += check(
            [f"table3.R1.{col}", f"table3.R2.{col}"],
            [f"table3.R3g.{col}", f"table3.R4.{col}"],
            "识别结果不满足本列勾稽关系（H1）",
        )
        if results:
            out += check(
                [f"table3.R3g.{col}"], [f"table3.{k}.{col}" for k in results], "识别结果不满足办理结果总计（H3）"
            )
    for kind in RemedyKind:
        out += check(
            [f"table4.{kind.value}.{TABLE4_COLUMNS[-1]}"],
            [f"table4.{kind.value}.{c}" for c in TABLE4_COLUMNS[:-1]],
            "识别结果不满足表四合计（H4）",
        )
    return out


def image_only_pdf(data: bytes, *, dpi: int = 300, angle: float = 0.0, noise: float = 0.0, seed: int = 1,
                   pages: list[int] | None = None) -> bytes:
    """A scan of a PDF (for tests and benchmarks): its pages rendered to greyscale images, turned
    by `angle` degrees and sprinkled with a fraction `noise` of black/white pixels, as an
    image-only PDF (no text layer). Deterministic for a given seed."""
    import random

    import pypdfium2
    from PIL import Image

    pdf = pypdfium2.PdfDocument(data)
    rnd = random.Random(seed)
    images = []
    for number in pages if pages is not None else range(len(pdf)):
        image = pdf[number].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        if angle:
            image = image.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255)
        if noise:
            pixels = image.load()
            width, height = image.size
            for _ in range(int(width * height * noise)):
                pixels[rnd.randrange(width), rnd.randrange(height)] = 0 if rnd.random() < 0.5 else 255
        images.append(image)
    pdf.close()
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return out.getvalue()
