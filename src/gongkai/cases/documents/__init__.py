"""The statutory notices of a case (docs/law.md §4).

- `templates`: the template keys, the default texts (files in `defaults/`), the sandboxed renderer;
- `issuing`: a notice rendered with a case's facts, numbered and frozen as a `Document`;
- `editing`: agencies' own wording (administrators);
- `rendering`: a frozen notice as DOCX, HTML, PDF.
"""
