"""Declarative action registries: one per workflow (cases, catalog, reports).

An `Action` says everything a view and the "next actions" list need to know about one step of a
workflow: its key (in the URL), its Chinese label, the permission it needs, the form it reads, the
service call it makes (`run`), and when the object's state allows it (`allowed`). Views read the
registry; they hold no per-action code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.http import Http404

from gongkai.agencies.permissions import Perm, has_perm


@dataclass(frozen=True)
class Action:
    key: str
    label: str
    perm: Perm | Callable[[Any, Any], bool]  # a Perm on the object's agency, or a rule (user, obj) → bool
    form: type | None  # a Form class, or None for a bare confirm button
    run: Callable[..., Any]  # run(obj, form, *, acting_user) → the service's result
    allowed: Callable[[Any], bool] = lambda state: True  # does the object's state allow it?
    form_kwargs: Callable[[Any], dict] | None = None  # extra form arguments taken from the object
    done: str | Callable[[Any], str] = ""  # the success message (from the run's result); default 已完成：label

    def permitted(self, user, obj) -> bool:
        if isinstance(self.perm, Perm):
            return has_perm(user, self.perm, obj.agency)
        return bool(self.perm(user, obj))

    def success(self, result) -> str:
        if callable(self.done):
            return self.done(result)
        return self.done or f"已完成：{self.label}。"


class Registry:
    """The actions of one workflow, in the order they are offered."""

    def __init__(self, actions: Iterable[Action]):
        self.actions: dict[str, Action] = {}
        for action in actions:
            if action.key in self.actions:
                raise ValueError(f"duplicate action key {action.key!r}")
            self.actions[action.key] = action

    def __contains__(self, key: str) -> bool:
        return key in self.actions

    def __iter__(self):
        return iter(self.actions.values())

    def get(self, key: str) -> Action:
        """The action for a URL key; an unknown key is a 404."""
        try:
            return self.actions[key]
        except KeyError:
            raise Http404("未知的操作。") from None

    def available(self, obj, user, state=None) -> list[Action]:
        """The actions `obj`'s state allows (`state` defaults to `obj` itself) and `user` may take, in
        registry order."""
        state = obj if state is None else state
        return [a for a in self if a.allowed(state) and a.permitted(user, obj)]
