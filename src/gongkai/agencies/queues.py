"""待办: the registry of work queues — what is waiting for whom (issue 13).

Each app declares its queues in `<app>/queues.py` with `register(Queue(...))` (imported at start-up by
`autodiscover()`, like the admin's). A queue names the roles whose holders see it, counts the items
waiting for a user, and links to the filtered list where they are. The 工作台 shows every queue of the
user's roles with its count; the navigation shows the total of the urgent ones.

Counts come from each app's query layer (for cases: the one queryset of case states), never from
numbers re-derived by a page. Queues of other features plug in here and nowhere else.

This module sits in the foundation app and imports nothing above it: apps register into it.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.core.cache import cache

#: The 工作台 sections, in display order.
GROUPS = ("依申请公开", "主动公开", "年度报告", "监督指导", "系统")
NAV_CACHE_SECONDS = 30


@dataclass(frozen=True)
class Queue:
    key: str  # "cases.extension_pending"
    label: str  # 「延期待批准」
    roles: frozenset[str]  # Role values whose holders see the queue
    count: Callable  # count(user) -> int
    url: Callable  # url(user) -> str: the filtered list
    group: str = "依申请公开"
    order: int = 100
    description: str = ""  # one line under the label
    urgent: bool = True  # counted in the navigation badge


@dataclass(frozen=True)
class Waiting:
    queue: Queue
    count: int
    url: str

    @property
    def label(self) -> str:
        return self.queue.label


_REGISTRY: dict[str, Queue] = {}


def register(queue: Queue) -> Queue:
    """Add (or replace, by key) a queue."""
    if queue.group not in GROUPS:
        raise ValueError(f"unknown 工作台 group {queue.group!r}; one of {GROUPS}")
    _REGISTRY[queue.key] = queue
    return queue


def registered() -> list[Queue]:
    return sorted(_REGISTRY.values(), key=lambda q: (GROUPS.index(q.group), q.order, q.key))


def queues_for(user) -> list[Queue]:
    if not getattr(user, "is_authenticated", False):
        return []
    roles = set(user.roles)
    return [q for q in registered() if roles & q.roles]


def waiting_for(user) -> list[Waiting]:
    """Every queue of the user's roles with its count (zero included: an empty queue is news too)."""
    return [Waiting(q, int(q.count(user)), q.url(user)) for q in queues_for(user)]


def grouped(waiting: list[Waiting]) -> list[tuple[str, list[Waiting]]]:
    groups: dict[str, list[Waiting]] = {}
    for w in waiting:
        groups.setdefault(w.queue.group, []).append(w)
    return [(g, groups[g]) for g in GROUPS if g in groups]


def nav_total(user) -> int:
    """The navigation badge: items in the user's urgent queues (cached briefly: every page shows it)."""
    if not getattr(user, "is_authenticated", False) or not user.roles:
        return 0
    key = f"gongkai:todo-total:{user.pk}"
    total = cache.get(key)
    if total is None:
        total = sum(int(q.count(user)) for q in queues_for(user) if q.urgent)
        cache.set(key, total, NAV_CACHE_SECONDS)
    return total


def forget_nav_total(user) -> None:
    cache.delete(f"gongkai:todo-total:{user.pk}")


def remember_nav_total(user, waiting: list[Waiting]) -> int:
    """The 工作台 has just counted every queue: the badge shows the same (no second count)."""
    total = sum(w.count for w in waiting if w.queue.urgent)
    cache.set(f"gongkai:todo-total:{user.pk}", total, NAV_CACHE_SECONDS)
    return total


def autodiscover() -> None:
    """Import `<app>.queues` of every gongkai app that has one."""
    for config in apps.get_app_configs():
        if config.name.startswith("gongkai.") and importlib.util.find_spec(f"{config.name}.queues"):
            importlib.import_module(f"{config.name}.queues")
