"""bench/load.py's publish-while-reading verdict: a response older than a returned change is stale."""

from __future__ import annotations

from bench.load import Read, judge

MARKS = [
    ["start", "publish", "1", "10.0"],
    ["done", "publish", "1", "10.5"],
    ["start", "publish", "2", "11.0"],
    ["done", "publish", "2", "11.5"],
    ["start", "unpublish", "2", "12.0"],
    ["done", "unpublish", "2", "12.5"],
]


def test_responses_showing_the_change_in_force_are_fresh():
    seen = [Read(10.6, 10.9, 200, 1), Read(11.6, 11.9, 200, 2), Read(12.6, 12.9, 404, None)]

    result = judge(seen, [], MARKS, 3.0)

    assert (result["judged"], result["stale"], result["changes"]) == (3, 0, 3)


def test_an_older_title_or_a_story_shown_after_its_unpublish_is_stale():
    seen = [Read(11.6, 11.9, 200, 1), Read(12.6, 12.9, 200, 2)]

    assert judge(seen, [], MARKS, 3.0)["stale"] == 2


def test_responses_overlapping_a_change_are_not_judged():
    # Asked for before publish 2 returned, or answered after the unpublish began.
    seen = [Read(11.2, 11.6, 200, 1), Read(11.8, 12.2, 200, 2)]

    result = judge(seen, [], MARKS, 3.0)

    assert (result["judged"], result["stale"]) == (0, 0)
