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
    """Open cases' stored due dates follow the calendar; each move gets a timeline entry with the reason.
    Recomputing every open case is a background task (tasks.recompute_deadlines_for_calendar), not the
    calendar page's request."""
    from gongkai.tasks import enqueue_now

    from .tasks import recompute_deadlines_for_calendar

    if changed_dates:
        enqueue_now(recompute_deadlines_for_calendar, sorted(d.isoformat() for d in changed_dates))
