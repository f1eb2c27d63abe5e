"""Hostile files, generated (never stored): each is small, and each one used to hang or kill a worker.

Also the synthetic child targets of the sandbox tests (module level, so the sandbox child imports them).
No Django here: the sandbox child imports this module.
"""

import ctypes
import io
import os
import signal
import time
import zipfile
import zlib


def _zip(members, compression=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in members:
            z.writestr(name, data)
    return buf.getvalue()

CT_XLSX = b'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'''
RELS = b'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'''
WB = b'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'''
WB_RELS = b'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'''

def xlsx(sheet_xml):
    return _zip([("[Content_Types].xml", CT_XLSX), ("_rels/.rels", RELS), ("xl/workbook.xml", WB),
                 ("xl/_rels/workbook.xml.rels", WB_RELS), ("xl/worksheets/sheet1.xml", sheet_xml)])

SHEET_HEAD = b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'

def xlsx_merged_bomb():
    """1.5 KB: one merged range over the whole sheet (17 billion cells); the reader used to loop over it."""
    return xlsx(SHEET_HEAD + b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>')

def xlsx_compression_bomb(mb=24):
    """About 70 KB: a sheet of 24 MB (compressed 340:1)."""
    row = b'<row><c t="inlineStr"><is><t>aaaaaaaaaa</t></is></c></row>'
    body = row * (mb * 1024 * 1024 // len(row))
    return xlsx(SHEET_HEAD + b"<sheetData>" + body + b"</sheetData></worksheet>")

def pdf(objects):
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for o in offsets:
        out.write(b"%010d 00000 n \n" % o)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects)+1, xref))
    return out.getvalue()

def pdf_page(content: bytes, extra=b""):
    stream = zlib.compress(content, 9)
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> " + extra + b">>",
                b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
                b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"])

def pdf_nested(depth=200000):
    """A page dictionary holding an array nested 200,000 deep."""
    return pdf_page(b"BT /F1 12 Tf 72 700 Td (x) Tj ET", extra=b"/Foo " + b"[" * depth + b"]" * depth + b" ")

def pdf_huge_content(mb=24):
    """About 60 KB: a page whose compressed content stream holds 24 MB of text operators."""
    op = b"BT /F1 1 Tf 1 1 Td (a) Tj ET\n"
    return pdf_page(op * (mb * 1024 * 1024 // len(op)))

CT_DOCX = b'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'''
DOCX_RELS = b'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'''
W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

def docx(body):
    return _zip([("[Content_Types].xml", CT_DOCX), ("_rels/.rels", DOCX_RELS),
                 ("word/document.xml", b'<?xml version="1.0" encoding="UTF-8"?><w:document ' + W + b"><w:body>" + body + b"</w:body></w:document>")])

def docx_bomb(mb=24):
    """About 70 KB: word/document.xml of 24 MB (compressed 340:1)."""
    p = b"<w:p><w:r><w:t>aaaaaaaaaaaaaaaa</w:t></w:r></w:p>"
    return docx(p * (mb * 1024 * 1024 // len(p)))

def docx_wide_table(cols=20000, rows=60):
    """One table of 60 rows × 20,000 cells (22 MB of XML, compressed about 400:1)."""
    row = b"<w:tr>" + b"<w:tc><w:p/></w:tc>" * cols + b"</w:tr>"
    return docx(b"<w:tbl>" + row * rows + b"</w:tbl>")

def zip_bomb(mb=30):
    """One member of zeros: 30 MB → about 30 KB."""
    return _zip([("a.txt", b"\0" * (mb * 1024 * 1024))])

def zip_many(n=10000):
    return _zip([(f"{i}.txt", b"x") for i in range(n)])


# -- synthetic children for the sandbox's own tests -----------------------------------------------------


def segfault():
    ctypes.string_at(0)  # reads address 0: SIGSEGV


def kill_self(sig):
    os.kill(os.getpid(), sig)


def spin():
    while True:
        pass


def eat_memory():
    hog = []
    while True:
        hog.append(bytearray(16 * 1024 * 1024))


def sleep_forever():
    time.sleep(3600)


def double(x):
    return x * 2


def raise_value_error():
    raise ValueError("这是一条中文错误")


def unpicklable_error():
    class Local(Exception):
        pass

    raise Local("局部异常")


def big_result(mb):
    return b"x" * (mb * 1024 * 1024)


def my_pid():
    return os.getpid()


def ignore_xcpu_and_spin():
    signal.signal(signal.SIGXCPU, signal.SIG_IGN)
    spin()
