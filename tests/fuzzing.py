"""How many examples a randomized test draws: its own count in the everyday run, the long profile's.

    from fuzzing import examples      # tests/ is on sys.path (tests/conftest.py), like permissions

    @settings(max_examples=examples(300))

The profiles are registered in tests/conftest.py: "ci" (default) keeps the count given here and
draws the same examples every run; "long" (HYPOTHESIS_PROFILE=long) draws its own, larger count
(GONGKAI_FUZZ_EXAMPLES, default 10 000) of random examples; --hypothesis-seed picks them.
"""

from hypothesis import settings


def examples(n: int) -> int:
    if settings.get_current_profile_name() == "long":
        return max(n, settings.default.max_examples)
    return n
