"""`calendar_changed`: sent after a calendar change commits (ARCHITECTURE.md, "Law engine").

Keyword arguments:
- `changed_dates`: set[date] — the dates whose working-day status changed, including dates of a
  year that went from unknown to known (every day of that year) and back;
- `region`: the `Region` whose local days off changed, or None for a national change (which
  affects every region);
- `revision`: the `CalendarRevision` recording the change.

Receivers (cases, catalog) recompute every open deadline whose counting window touches one of
the dates, and record why the date moved. Not sent when a change moves no working day.
"""

from django.dispatch import Signal

calendar_changed = Signal()

#: Sent by `services.preview_arrangements` *before* a change, to ask what it would move. Keyword
#: arguments: `before`, `after` (national `WorkCalendar`s; use `services.calendar_with_region(after,
#: agency)` for an agency), `changed_dates`. A receiver returns
#: `{"label": str, "count": int, "examples": [str, …]}` (or None) and must not write anything.
calendar_preview = Signal()
