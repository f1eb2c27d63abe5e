from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "gongkai.cases"
    verbose_name = "依申请公开"

    def ready(self):
        from gongkai.workcal.signals import calendar_changed, calendar_preview

        from .clock import preview_calendar_change

        calendar_changed.connect(on_calendar_changed, dispatch_uid="cases.recompute_deadlines")
        calendar_preview.connect(preview_calendar_change, dispatch_uid="cases.preview_deadlines")


def on_calendar_changed(sender, changed_dates=(), **kwargs):
    """Open cases' stored due dates follow the calendar; each move gets a timeline entry with the reason."""
    from .actions.system import recompute_for_calendar_change

    recompute_for_calendar_change(changed_dates)
