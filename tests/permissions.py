"""Reusable permission assertions for every app's tests.

    from permissions import assert_no_access      # tests/ is on sys.path (tests/conftest.py)

    def test_it_hides_cases_of_other_agencies(client, cast):
        case = make_case(agency=cast.dept_b)
        assert_no_access(client, cast.handler_a, [f"/staff/cases/{case.pk}/", ...])
"""

from __future__ import annotations

from collections.abc import Iterable

#: 405 counts as denied: a read-only view refuses POST before it looks at any object.
DENIED = (403, 404, 405)


def assert_no_access(
    client,
    user,
    urls: Iterable[str],
    *,
    methods: Iterable[str] = ("get", "post"),
    secrets: Iterable[str] = (),
    data: dict | None = None,
) -> None:
    """Assert that `user` gets 403/404 (405) for every URL and method, and sees none of `secrets`.

    POST requests send `data` (default: empty form), so a view that changes state on POST without
    checking the object's agency fails the assertion with its 200/302. `user=None` checks an
    anonymous visitor, who may also be redirected to the login page.
    """
    client.logout()
    if user is not None:
        client.force_login(user)
    allowed = DENIED if user is not None else (*DENIED, 302)
    failures = []
    for url in urls:
        for method in methods:
            response = getattr(client, method)(url, data or {})
            body = response.content.decode(errors="replace")
            if response.status_code not in allowed:
                failures.append(f"{method.upper()} {url} → {response.status_code}")
            elif response.status_code == 302 and "/accounts/login/" not in response["Location"]:
                failures.append(f"{method.upper()} {url} → 302 to {response['Location']}")
            leaked = [s for s in secrets if s and s in body]
            if leaked:
                failures.append(f"{method.upper()} {url} shows {leaked}")
    who = getattr(user, "username", "anonymous")
    assert not failures, f"{who} reached objects outside their scope:\n  " + "\n  ".join(failures)
