"""The OpenAPI 3 document of the open-data API (served at /api/openapi.json).

Written by hand next to `api.py`; tests/portal/test_api_schema.py runs schemathesis against it
so the two cannot drift apart.
"""

from __future__ import annotations

import copy
import functools

from gongkai.catalog.models import SUBJECTS, Genre, Validity
from gongkai.catalog.search import COUNT_CAP
from gongkai.core.vocabulary import DisclosureCategory

MIN_YEAR, MAX_YEAR = 1990, 2100
MAX_PER_PAGE = 100
MAX_PAGE = COUNT_CAP  # with per_page=1; pages past the count cap return no results

_NULL_STR = {"type": "string", "nullable": True}
_NULL_DATE = {"type": "string", "format": "date", "nullable": True}


def _param(name, schema, description, where="query", required=False):
    return {"name": name, "in": where, "required": required, "description": description, "schema": schema}


FILTER_PARAMS = [
    _param("q", {"type": "string", "maxLength": 200}, "关键词：在标题、正文、文号、索引号中检索，多个词以空格分隔（同时满足）。"),
    _param("agency", {"type": "string", "pattern": "^[-a-zA-Z0-9_]{1,60}$"}, "机关网址标识（见 /api/agencies）。"),
    _param("category", {"type": "string", "enum": [c.value for c in DisclosureCategory]},
           "公开类别：条例第二十条第（一）至（十五）项（20-1…20-15）或第二十一条（21）。"),
    _param("subject", {"type": "string", "enum": list(SUBJECTS)}, "主题分类。"),
    _param("genre", {"type": "string", "enum": list(Genre.values)}, "体裁。"),
    _param("year", {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR}, "发布年度。"),
    _param("validity", {"type": "string", "enum": list(Validity.values)}, "有效性：valid 有效、expired 失效、repealed 废止、amended 已修改。"),
]
PAGE_PARAMS = [
    _param("page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}, f"页码（最多可翻到第 {COUNT_CAP} 条结果）。"),
    _param("per_page", {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE}, "每页条数，默认 20。"),
]

ERROR = {"description": "参数错误", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
NOT_FOUND = {"description": "未找到", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _ok(ref, description="成功"):
    return {"description": description, "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}}


ITEM_PROPS = {
    "id": {"type": "integer"},
    "index_no": {**_NULL_STR, "description": "索引号，如 000013338/2023-00079"},
    "title": {"type": "string"},
    "summary": {"type": "string", "description": "内容概述"},
    "doc_no": {"type": "string", "description": "文号"},
    "publisher": {"type": "string", "description": "发布机构"},
    "agency": {"type": "string", "description": "机关网址标识"},
    "written_on": {**_NULL_DATE, "description": "成文日期"},
    "published_on": {**_NULL_DATE, "description": "发布日期"},
    "effective_on": {**_NULL_DATE, "description": "实施日期"},
    "subject": {"type": "string", "description": "主题分类"},
    "genre": {"type": "string", "enum": list(Genre.values)},
    "genre_label": {"type": "string"},
    "category": {"type": "string", "enum": [c.value for c in DisclosureCategory]},
    "category_label": {"type": "string"},
    "disclosure_mode": {"type": "string", "enum": ["主动公开"]},
    "validity": {"type": "string", "enum": list(Validity.values)},
    "validity_label": {"type": "string"},
    "validity_changed_on": {**_NULL_DATE, "description": "失效、废止或修改日期"},
    "keywords": {"type": "array", "items": {"type": "string"}},
    "url": {"type": "string", "format": "uri"},
}


@functools.cache
def _document() -> dict:
    item = {"type": "object", "required": list(ITEM_PROPS), "properties": ITEM_PROPS, "additionalProperties": False}
    detail_props = {
        **ITEM_PROPS,
        "body_html": {"type": "string", "description": "正文（已按白名单清理的 HTML）"},
        "body_text": {"type": "string"},
        "attachments": {"type": "array", "items": {
            "type": "object", "required": ["name", "size", "url"], "additionalProperties": False,
            "properties": {"name": {"type": "string"}, "size": {"type": "integer"}, "url": {"type": "string", "format": "uri"}},
        }},
        "interprets": {"type": "array", "items": {"type": "integer"}, "description": "本解读所解读的政策（信息编号）"},
        "interpretations": {"type": "array", "items": {"type": "integer"}, "description": "解读本政策的信息编号"},
        "wechat_url": {"type": "string", "format": "uri", "description": "公众号排版页面"},
    }
    agency_props = {
        "slug": {"type": "string"},
        "name": {"type": "string"},
        "short_name": {"type": "string"},
        "kind": {"type": "string"},
        "code": {"type": "string", "description": "索引号前段码（组织机构代码或统一社会信用代码）"},
        "parent": _NULL_STR,
        "guide": {
            "type": "object", "description": "条例第十二条：政府信息公开工作机构及联系方式", "additionalProperties": False,
            "required": ["office", "address", "postcode", "office_hours", "phone", "fax", "email", "website"],
            "properties": {k: {"type": "string"} for k in
                           ("office", "address", "postcode", "office_hours", "phone", "fax", "email", "website")},
        },
        "url": {"type": "string", "format": "uri"},
        "items_url": {"type": "string", "format": "uri"},
    }
    report_props = {
        "agency": {"type": "string"},
        "agency_name": {"type": "string"},
        "year": {"type": "integer"},
        "title": {"type": "string"},
        "url": _NULL_STR,
        "published_at": {"type": "string", "format": "date-time", "nullable": True},
        "tables": {"type": "object", "description": "表二、表三、表四及收费数据（年度报告交换格式）"},
    }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "政府信息公开 开放数据接口",
            "version": "1.0",
            "description": "只读接口：主动公开信息目录、机关（政府信息公开指南要素）、已公开的年度报告数据表。"
                           "只提供已经保密审查并发布的信息。参数错误返回 400 及中文说明。",
        },
        "servers": [{"url": "/"}],
        "paths": {
            "/api/agencies": {"get": {
                "operationId": "listAgencies", "summary": "机关列表", "tags": ["机关"],
                "responses": {"200": _ok("AgencyList")},
            }},
            "/api/agencies/{slug}": {"get": {
                "operationId": "getAgency", "summary": "机关及其政府信息公开指南要素", "tags": ["机关"],
                "parameters": [_param("slug", {"type": "string", "pattern": "^[-a-zA-Z0-9_]{1,60}$"}, "机关网址标识", "path", True)],
                "responses": {"200": _ok("Agency"), "400": ERROR, "404": NOT_FOUND},
            }},
            "/api/items": {"get": {
                "operationId": "listItems", "summary": "检索主动公开信息", "tags": ["目录"],
                "description": "排序：索引号或文号完全一致者优先，其次标题包含全部关键词者，再次其他匹配；同一层按发布日期从新到旧。",
                "parameters": FILTER_PARAMS + PAGE_PARAMS,
                "responses": {"200": _ok("ItemList"), "400": ERROR},
            }},
            "/api/items/{id}": {"get": {
                "operationId": "getItem", "summary": "一条主动公开信息（含正文、附件、政策解读关联）", "tags": ["目录"],
                "parameters": [_param("id", {"type": "integer", "minimum": 1, "maximum": 2**53}, "信息编号", "path", True)],
                "responses": {"200": _ok("ItemDetail"), "400": ERROR, "404": NOT_FOUND},
            }},
            "/api/items.csv": {"get": {
                "operationId": "exportItems", "summary": "导出主动公开信息（CSV，UTF-8）", "tags": ["目录"],
                "parameters": FILTER_PARAMS,
                "responses": {
                    "200": {"description": "CSV 文件，列名与批量导入模板一致",
                            "content": {"text/csv": {"schema": {"type": "string"}}}},
                    "400": ERROR,
                },
            }},
            "/api/reports": {"get": {
                "operationId": "listReports", "summary": "已公开的年度报告及其数据表", "tags": ["年度报告"],
                "parameters": [FILTER_PARAMS[1], _param("year", {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR}, "报告年度")],
                "responses": {"200": _ok("ReportList"), "400": ERROR},
            }},
        },
        "components": {"schemas": {
            "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}},
            "Item": item,
            "ItemDetail": {"type": "object", "required": list(detail_props), "properties": detail_props,
                           "additionalProperties": False},
            "ItemList": {
                "type": "object", "required": ["count", "capped", "page", "per_page", "results"],
                "additionalProperties": False,
                "properties": {
                    "count": {"type": "integer", "minimum": 0, "maximum": COUNT_CAP},
                    "capped": {"type": "boolean", "description": f"结果超过 {COUNT_CAP} 条时为 true"},
                    "page": {"type": "integer", "minimum": 1},
                    "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
                    "results": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}},
                },
            },
            "Agency": {"type": "object", "required": list(agency_props), "properties": agency_props,
                       "additionalProperties": False},
            "AgencyList": {"type": "object", "required": ["count", "results"], "additionalProperties": False,
                           "properties": {"count": {"type": "integer"},
                                          "results": {"type": "array", "items": {"$ref": "#/components/schemas/Agency"}}}},
            "Report": {"type": "object", "required": list(report_props), "properties": report_props,
                       "additionalProperties": False},
            "ReportList": {"type": "object", "required": ["count", "results"], "additionalProperties": False,
                           "properties": {"count": {"type": "integer"},
                                          "results": {"type": "array", "items": {"$ref": "#/components/schemas/Report"}}}},
        }},
    }


def document() -> dict:
    return copy.deepcopy(_document())
