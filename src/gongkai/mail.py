"""E-mails as templates: one way to write a message the system sends.

    subject, body = render_mail("cases/email/handler_reminder", {"case": case, …})

reads `<name>_subject.txt` (one line; line breaks in the template are dropped) and `<name>.txt` (the
plain-text body). Both start with {% autoescape off %}: a plain-text mail must not carry HTML entities.
"""

from __future__ import annotations

from django.template.loader import render_to_string


def render_mail(name: str, context: dict) -> tuple[str, str]:
    subject = "".join(render_to_string(f"{name}_subject.txt", context).splitlines()).strip()
    body = render_to_string(f"{name}.txt", context)
    return subject, body
