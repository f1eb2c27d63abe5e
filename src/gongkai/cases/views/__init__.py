"""Views of the case system: `public` (application form, tracking) and `staff` (inbox, case pages)."""
