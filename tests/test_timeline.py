"""The axis's window, its zoom ladder, its ticks and the layout of its labels."""

import re
import unicodedata
from datetime import date, timedelta

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from dialogue import dates
from dialogue.models import Event
from dialogue.timeline import (
    CHAR_PX,
    LABEL_GAP_PX,
    LABEL_MIN_PX,
    TICK_GAP_PX,
    Item,
    Window,
    axis_svg,
    density,
    density_svg,
    layout,
)

OVERVIEW = Window(date(2009, 1, 1), date(2015, 12, 31))
LANGUAGES = ["en", "ja", "ko"]


class FakeEvent:
    def __init__(self, pk, title="An event", weight=0):
        self.pk, self.title, self.title_en, self.weight = pk, title, title, weight


def width(label: str) -> float:
    """How wide a tick label is drawn, in px: CJK characters (年, 월) are about two Latin ones."""
    chars = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in label)
    return chars * CHAR_PX


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
    ("code", "ladder"),
    [
        ("ja", ["2009年～2015年", "2012年", "2012年7月", "2012年7月16日の週", "2012年7月19日"]),
        ("ko", ["2009년~2015년", "2012년", "2012년 7월", "2012년 7월 16일 주", "2012년 7월 19일"]),
    ],
)
def test_the_ladder_in_japanese_and_korean(code, ladder):
    steps, window = [], OVERVIEW
    with translation.override(code):
        while window:
            steps.append(str(window))
            window = window.zoom_in()
    assert steps == ladder


@pytest.mark.parametrize(
    ("window", "english", "japanese", "korean"),
    [
        (Window.for_year(2014), "2014", "2014年", "2014년"),
        (Window(date(2014, 3, 1), date(2014, 3, 31)), "March 2014", "2014年3月", "2014년 3월"),
        (Window(date(2014, 3, 3), date(2014, 3, 9)),
         "week of 3 March 2014", "2014年3月3日の週", "2014년 3월 3일 주"),
        (Window(date(2015, 4, 5), date(2015, 4, 5)),
         "5 April 2015", "2015年4月5日", "2015년 4월 5일"),
        (Window(date(2015, 3, 5), date(2015, 3, 30)),
         "5–30 March 2015", "2015年3月5日～30日", "2015년 3월 5일~30일"),
        (Window(date(2015, 3, 20), date(2015, 5, 11)),
         "20 March – 11 May 2015", "2015年3月20日～5月11日", "2015년 3월 20일~5월 11일"),
        (Window(date(2014, 12, 1), date(2015, 1, 31)),
         "1 December 2014 – 31 January 2015", "2014年12月1日～2015年1月31日",
         "2014년 12월 1일~2015년 1월 31일"),
        (Window(date(2012, 1, 1), date(2015, 12, 31)), "2012–2015", "2012年～2015年",
         "2012년~2015년"),
    ],
)  # fmt: skip
def test_a_window_in_words_in_each_language(window, english, japanese, korean):
    for code, words in zip(LANGUAGES, [english, japanese, korean], strict=True):
        with translation.override(code):
            assert str(window) == words, code


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
@pytest.mark.parametrize("code", LANGUAGES)
def test_tick_labels_never_touch(window, axis_px, code):
    """In any language: Japanese and Korean labels are twice as wide a character."""
    with translation.override(code):
        ticks = window.ticks(axis_px)
    assert ticks, "an axis always has at least one labelled tick"
    _check_ticks(ticks, axis_px)
    cjk = any(re.search("[年月日년월일]", t["label"]) for t in ticks)
    assert cjk == (code != "en"), ticks  # labelled in the language asked for


def _check_ticks(ticks, axis_px):
    for left, right in zip(ticks, ticks[1:], strict=False):
        room = (right["x"] - left["x"]) * axis_px / 100
        assert room >= width(left["label"]) + TICK_GAP_PX - 0.01, (left, right)
    assert all(0 <= t["x"] <= 100 for t in ticks)
    last = ticks[-1]
    assert last["x"] * axis_px / 100 + width(last["label"]) <= axis_px + 0.01, last


@pytest.mark.parametrize(
    ("window", "axis_px", "english", "japanese", "korean"),
    [
        (Window(date(2014, 9, 1), date(2014, 10, 31)), 1150,
         ["1 Sep", "8", "15", "22", "29", "6 Oct", "13", "20", "27"],
         ["9月1日", "8日", "15日", "22日", "29日", "10月6日", "13日", "20日", "27日"],
         ["9월 1일", "8일", "15일", "22일", "29일", "10월 6일", "13일", "20일", "27일"]),
        (Window.for_year(2014), 700,
         ["2014", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
         ["2014年", *[f"{m}月" for m in range(2, 13)]],
         ["2014년", *[f"{m}월" for m in range(2, 13)]]),
        (OVERVIEW, 700, [str(y) for y in range(2009, 2016)],
         [f"{y}年" for y in range(2009, 2016)], [f"{y}년" for y in range(2009, 2016)]),
    ],
)  # fmt: skip
def test_tick_labels_in_each_language(window, axis_px, english, japanese, korean):
    for code, labels in zip(LANGUAGES, [english, japanese, korean], strict=True):
        with translation.override(code):
            assert [t["label"] for t in window.ticks(axis_px)] == labels, code


def test_wider_labels_take_a_wider_step():
    """On a narrow axis, seven years' labels fit in English; '2009年' is a third wider, so
    Japanese labels every other year rather than dropping labels here and there."""
    with translation.override("en"):
        assert [t["label"] for t in OVERVIEW.ticks(288)] == [str(y) for y in range(2009, 2016)]
    with translation.override("ja"):
        assert [t["label"] for t in OVERVIEW.ticks(288)] == ["2010年", "2012年", "2014年"]


def _check(lay, items, axis_px, lanes):
    """No two label boxes of a lane overlap, none leaves the axis, none is narrower than a
    readable label, and every item is counted by exactly one mark; no tick labels touch."""
    _check_ticks(lay.ticks, axis_px)
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
    size=st.sampled_from([(288, 4), (700, 6), (1150, 8)]),
    code=st.sampled_from(LANGUAGES),
)
def test_any_events_any_window_no_label_overlaps_or_leaves_the_axis(items, window, size, code):
    axis_px, lanes = size
    inside = [i for i in items if window.overlaps(i.lower, i.upper)]
    with translation.override(code):
        lay = layout(window, inside, [], axis_px=axis_px, lanes=lanes)
    _check(lay, inside, axis_px, lanes)


# The axis's words ---------------------------------------------------------------------------


def _event(pk, edtf, title_en, title_ja=None):
    event = Event(pk=pk, slug=f"e{pk}", title_en=title_en, title_ja=title_ja, edtf=edtf)
    event.status, event.weight = Event.Status.OCCURRED, pk
    return event


def _svg(events, window, lanes=6):
    items = [Item(e, *dates.bounds(e.edtf)) for e in events]
    lay = layout(window, items, [], axis_px=700, lanes=lanes)
    return str(axis_svg(lay, url=lambda e: f"/events/{e.slug}/", zoom_url=lambda m: "#zoom"))


def test_an_untranslated_title_on_the_axis_is_marked_english():
    """A Japanese page shows the Japanese title where there is one; the English one, marked
    lang="en" for screen readers, where there is none."""
    events = [
        _event(1, "2015-03-01", "Foreign ministers meet", "外相会談"),
        _event(2, "2015-09-01", "Defence talks resume"),
    ]
    with translation.override("ja"):
        svg = _svg(events, Window.for_year(2015))
    assert '<span class="mark__label">外相会談</span>' in svg
    assert '<span class="mark__label" lang="en">Defence talks resume</span>' in svg
    assert 'aria-label="外相会談、2015年3月1日"' in svg
    assert 'aria-label="時間軸"' in svg
    with translation.override("en"):
        svg = _svg(events, Window.for_year(2015))
    assert '<span class="mark__label">Foreign ministers meet</span>' in svg
    assert 'aria-label="Foreign ministers meet, 1 March 2015"' in svg
    assert 'lang="en"' not in svg and 'aria-label="Time axis"' in svg


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("en", "60 events, 9 September 2014; the most cited: Talks 59. Zoom in"),
        ("ja", "2014年9月9日の出来事60件（最も引用されているもの：会談 59）。拡大する"),
        ("ko", "2014년 9월 9일의 사건 60건(가장 많이 인용된 사건: Talks 59). 확대"),
    ],
)
def test_a_cluster_is_named_in_the_pages_language(code, label):
    events = [_event(i, "2014-09-09", f"Talks {i}", f"会談 {i}") for i in range(60)]
    with translation.override(code):
        svg = _svg(events, Window.for_year(2014), lanes=1)  # one lane: all in one cluster
    assert f'aria-label="{label}"' in svg
    assert ('lang="en"' in svg) == (code == "ko")  # no Korean titles: English, marked so


@pytest.mark.parametrize(
    ("code", "unit", "titles"),
    [
        ("en", "month", ["1 event, March 2014", "4 events, April 2014"]),
        ("ja", "month", ["2014年3月：1件", "2014年4月：4件"]),
        ("ko", "month", ["2014년 3월: 1건", "2014년 4월: 4건"]),
        ("en", "week", ["1 event, week of 3 March 2014", "4 events, week of 7 April 2014"]),
        ("ja", "week", ["2014年3月3日の週：1件", "2014年4月7日の週：4件"]),
        ("ko", "day", ["2014년 3월 3일: 1건", "2014년 4월 7일: 4건"]),
    ],
)
def test_the_density_says_its_counts_in_the_pages_language(code, unit, titles):
    buckets = [(date(2014, 3, 3), 1), (date(2014, 4, 7), 4)]
    with translation.override(code):
        svg = str(density_svg(density(OVERVIEW, buckets, unit)))
    assert re.findall("<title>(.*?)</title>", svg) == titles
