import pytest


@pytest.fixture
def changes(django_capture_on_commit_callbacks):
    """Collect `calendar_changed` signals sent after commit: `with changes() as sent: …`."""
    from contextlib import contextmanager

    from gongkai.workcal.signals import calendar_changed

    @contextmanager
    def collect():
        sent = []

        def receiver(sender, changed_dates=None, region=None, revision=None, **kwargs):
            sent.append({"changed_dates": changed_dates, "region": region, "revision": revision})

        calendar_changed.connect(receiver, dispatch_uid="test-workcal-collect")
        try:
            with django_capture_on_commit_callbacks(execute=True):
                yield sent
        finally:
            calendar_changed.disconnect(dispatch_uid="test-workcal-collect")

    return collect
