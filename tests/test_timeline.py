"""The axis's window, its zoom ladder, its ticks and the layout of its labels."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dialogue.timeline import (
    CHAR_PX,
    LABEL_GAP_PX,
    LABEL_MIN_PX,
    TICK_GAP_PX,
    Item,
    Window,
    layout,
)

OVERVIEW = Window(date(2009, 1, 1), date(2015, 12, 31))


class FakeEvent:
    def __init__(self, pk, title="An event", weight=0):
        self.pk, self.title, self.weight = pk, title, weight


def test_the_ladder_from_the_whole_span_down_to_a_day_and_back_up():
    steps, window = [], OVERVIEW
    while window:
        steps.append(str(window))
        last, window = window, window.zoom_in()
    # Each rung holds the middle of the one above: 1 July 2012, then 16 July, then 19 July.
    assert steps == ["2009–2015", "2012", "July 2012", "week of 16 July 2012", "19 July 2012"]
    ups, window = [], last
    while window:
        ups.append(str(window))
        window = window.zoom_out()
    # Up from the day: its week, its month, its year, the whole span.
    assert ups == ["19 July 2012", "week of 16 July 2012", "July 2012", "2012", "2009–2015"]


@pytest.mark.parametrize(
    ("window", "before", "after"),
    [
        (Window.for_year(2009), "2008", "2010"),  # before the span: context stays reachable
        (Window(date(2014, 1, 1), date(2014, 1, 31)), "December 2013", "February 2014"),
        (Window(date(2014, 3, 3), date(2014, 3, 9)),
         "week of 24 February 2014", "week of 10 March 2014"),
        (Window(date(2015, 4, 5), date(2015, 4, 5)), "4 April 2015", "6 April 2015"),
        (Window(date(2015, 3, 20), date(2015, 5, 11)),
         "26 January – 19 March 2015", "12 May – 3 July 2015"),
    ],
)  # fmt: skip
def test_previous_and_next_move_by_the_windows_own_unit(window, before, after):
    assert str(window.shifted(-1)) == before
    assert str(window.shifted(1)) == after


def test_no_step_past_the_days_the_site_can_place_and_none_from_the_whole_span():
    assert Window.for_year(1).shifted(-1) is None
    assert Window.for_year(9998).shifted(1) is None
    assert Window(date(9998, 12, 31), date(9998, 12, 31)).shifted(1) is None
    assert OVERVIEW.shifted(1) is None and OVERVIEW.zoom_out() is None


def test_a_window_of_its_own_length_zooms_to_the_rungs_around_it():
    dragged = Window(date(2015, 3, 20), date(2015, 5, 11))  # 53 days
    assert str(dragged.zoom_in()) == "April 2015"
    assert str(dragged.zoom_out()) == "2015"
    across_years = Window(date(2014, 12, 1), date(2015, 1, 31))
    assert across_years.zoom_out() == OVERVIEW  # no year holds it


@pytest.mark.parametrize(
    "window",
    [
        OVERVIEW,
        Window.for_year(2014),
        Window(date(2014, 9, 1), date(2014, 9, 30)),
        Window(date(2014, 9, 8), date(2014, 9, 14)),
        Window(date(2014, 9, 9), date(2014, 9, 9)),
        Window(date(2015, 3, 20), date(2015, 5, 11)),
        Window(date(1, 1, 1), date(9998, 12, 31)),
    ],
)
@pytest.mark.parametrize("axis_px", [288, 700, 1150])
def test_tick_labels_never_touch(window, axis_px):
    ticks = window.ticks(axis_px)
    assert ticks, "an axis always has at least one labelled tick"
    for left, right in zip(ticks, ticks[1:], strict=False):
        room = (right["x"] - left["x"]) * axis_px / 100
        assert room >= len(left["label"]) * CHAR_PX + TICK_GAP_PX - 0.01, (left, right)
    assert all(0 <= t["x"] <= 100 for t in ticks)
    last = ticks[-1]
    assert last["x"] * axis_px / 100 + len(last["label"]) * CHAR_PX <= axis_px + 0.01, last


def _check(lay, items, axis_px, lanes):
    """No two label boxes of a lane overlap, none leaves the axis, none is narrower than a
    readable label, and every item is counted by exactly one mark."""
    min_label = 100 * LABEL_MIN_PX / axis_px
    gap = 100 * LABEL_GAP_PX / axis_px
    assert lay.lanes <= lanes
    assert sum(m.count for m in lay.marks) == sum(i.count for i in items)
    by_lane = {}
    for m in lay.marks:
        assert m.label_x >= 0 and m.label_x + m.label_width <= 100 + 1e-6, m
        assert m.label_width >= min_label - 0.002, m  # a thousandth of the axis, rounded
        assert m.x >= 0 and m.x + m.width <= 100 + 1e-6, m
        by_lane.setdefault(m.lane, []).append(m)
    for marks in by_lane.values():
        marks.sort(key=lambda m: m.label_x)
        for a, b in zip(marks, marks[1:], strict=False):
            assert a.label_x + a.label_width + gap <= b.label_x + 1e-6, (a, b)
            assert a.x + a.width <= b.x + 1e-6 or a.x + a.width <= b.label_x + 1e-6, (a, b)


@pytest.mark.parametrize(("axis_px", "lanes"), [(288, 4), (700, 6)])
def test_a_crowded_day_folds_into_clusters_naming_the_heaviest(axis_px, lanes):
    day = date(2014, 9, 9)
    items = [Item(FakeEvent(i, f"Event {i}", weight=i % 7), day, day) for i in range(60)]
    later = [day + timedelta(days=3 * i) for i in range(1, 40)]
    items += [Item(FakeEvent(100 + i, f"Later {i}"), d, d) for i, d in enumerate(later)]
    window = Window.for_year(2014)
    lay = layout(window, items, [], axis_px=axis_px, lanes=lanes)
    _check(lay, items, axis_px, lanes)
    crowded = [m for m in lay.marks if m.lower == day and m.is_cluster]
    assert crowded, "sixty events on one day cannot each have a label"
    assert max(m.weight for m in crowded) == 6  # the heaviest names the cluster
    assert all(m.item.weight == m.weight for m in lay.marks)


def test_few_events_each_get_their_own_label():
    window = Window.for_year(2015)
    items = [
        Item(FakeEvent(i), date(2015, 1 + 2 * i, 1), date(2015, 1 + 2 * i, 1)) for i in range(6)
    ]
    lay = layout(window, items, [], axis_px=700, lanes=6)
    assert len(lay.marks) == 6 and not any(m.is_cluster for m in lay.marks)
    assert lay.lanes == 1  # two months apart: room for every label in one lane


days = st.dates(min_value=date(2008, 6, 1), max_value=date(2016, 6, 1))


@st.composite
def items_strategy(draw):
    spans = draw(st.lists(st.tuples(days, st.integers(0, 800), st.integers(1, 5)), max_size=120))
    items = [
        Item(FakeEvent(i, weight=w), lower, lower + timedelta(days=length))
        for i, (lower, length, w) in enumerate(spans)
    ]
    return sorted(items, key=lambda i: i.lower)


@settings(max_examples=150, deadline=None)
@given(
    items=items_strategy(),
    window=st.sampled_from(
        [
            OVERVIEW,
            Window.for_year(2014),
            Window(date(2014, 9, 1), date(2014, 9, 30)),
            Window(date(2014, 9, 9), date(2014, 9, 9)),
        ]  # fmt: skip
    ),
    width=st.sampled_from([(288, 4), (700, 6), (1150, 8)]),
)
def test_any_events_any_window_no_label_overlaps_or_leaves_the_axis(items, window, width):
    axis_px, lanes = width
    inside = [i for i in items if window.overlaps(i.lower, i.upper)]
    lay = layout(window, inside, [], axis_px=axis_px, lanes=lanes)
    _check(lay, inside, axis_px, lanes)
