"""The one error family of the service layer.

Every service function that refuses an action raises `ServiceError` (or a subclass: `CaseError`,
`CatalogError`, `ReportBlocked`, `YearLocked`, `CalendarInputError`). It is a Django `ValidationError`,
so a form can take it as it is: `gongkai.forms.attach_errors(form, exc)` puts the message on `field`
when the form has that field, else on the form as a whole. The message is Chinese and safe to show.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError


class ServiceError(ValidationError):
    """A business rule forbids the action. `message` is Chinese; `field` names the form field it belongs
    to, when there is one."""

    def __init__(self, message, field: str | None = None, **kwargs):
        super().__init__(message, **kwargs)
        self.field = field

    def __str__(self) -> str:
        return "；".join(self.messages)
