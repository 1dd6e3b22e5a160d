"""Stats: totals, by practice, per local day, per week, and streaks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from session_player.core.log import LogStore

from .conftest import MakeDetail

TODAY = date(2024, 5, 15)  # a Wednesday


def _at(day: date, hour: int = 7) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def test_an_empty_log(store: LogStore) -> None:
    stats = store.stats(TODAY)
    assert (stats.sessions, stats.practised_seconds) == (0, 0.0)
    assert stats.by_practice == ()
    assert stats.per_day == {}
    assert (stats.current_streak, stats.longest_streak) == (0, 0)
    assert stats.since == TODAY - timedelta(days=364)
    assert all(w.practised_seconds == 0 for w in stats.per_week)


def test_totals_and_by_practice(store: LogStore, make_detail: MakeDetail) -> None:
    store.add(
        [
            make_detail(_at(TODAY), 600, practice="breathing"),
            make_detail(_at(TODAY, 9), 300, practice="breathing", outcome="stopped"),
            make_detail(_at(TODAY, 10), 1200, practice="rain", outcome="interrupted"),
            make_detail(_at(date(2001, 1, 1)), 60, practice="letter"),
        ]
    )
    stats = store.stats(TODAY)
    assert stats.sessions == 4
    assert stats.practised_seconds == 2160
    assert [(p.practice, p.sessions, p.practised_seconds) for p in stats.by_practice] == [
        ("rain", 1, 1200.0),
        ("breathing", 2, 900.0),
        ("letter", 1, 60.0),
    ]
    # The 2001 session is outside the year window but counts in the totals.
    assert stats.per_day == {TODAY: 2100.0}


def test_days_are_local_days(store: LogStore, make_detail: MakeDetail) -> None:
    # 22:30 UTC on the 14th, at +02:00, was half past midnight on the 15th.
    store.add([make_detail(datetime(2024, 5, 14, 22, 30, tzinfo=UTC), 600, offset=7200)])
    assert store.stats(TODAY).per_day == {TODAY: 600.0}
    # And 01:00 UTC on the 15th at -05:00 was the evening of the 14th.
    store.add([make_detail(datetime(2024, 5, 15, 1, 0, tzinfo=UTC), 60, offset=-18000)])
    assert store.stats(TODAY).per_day == {TODAY: 600.0, TODAY - timedelta(days=1): 60.0}


def test_year_window_edges(store: LogStore, make_detail: MakeDetail) -> None:
    first = TODAY - timedelta(days=364)
    store.add(
        [
            make_detail(_at(first), 60),
            make_detail(_at(first - timedelta(days=1)), 120),
            make_detail(_at(TODAY + timedelta(days=1)), 180),  # a clock set wrong
        ]
    )
    stats = store.stats(TODAY)
    assert stats.per_day == {first: 60.0}


def test_weeks_run_monday_to_sunday_with_quiet_weeks(
    store: LogStore, make_detail: MakeDetail
) -> None:
    monday = date(2024, 5, 13)
    store.add(
        [
            make_detail(_at(monday), 600),
            make_detail(_at(TODAY), 300),
            make_detail(_at(monday - timedelta(days=1)), 60),  # the Sunday before
            make_detail(_at(monday - timedelta(days=14)), 30),
        ]
    )
    stats = store.stats(TODAY, days=28)
    weeks = {w.week_start: w.practised_seconds for w in stats.per_week}
    assert list(weeks) == [date(2024, 4, 15), date(2024, 4, 22), date(2024, 4, 29),
                           date(2024, 5, 6), monday]  # fmt: skip
    assert weeks[monday] == 900
    assert weeks[date(2024, 5, 6)] == 60
    assert weeks[date(2024, 4, 29)] == 30
    assert weeks[date(2024, 4, 22)] == 0


def _practise_on(store: LogStore, make_detail: MakeDetail, days: list[date]) -> None:
    store.add(make_detail(_at(day), 300) for day in days)


def test_streaks(store: LogStore, make_detail: MakeDetail) -> None:
    run_of_five = [date(2024, 3, 1) + timedelta(days=i) for i in range(5)]
    last_three = [TODAY - timedelta(days=i) for i in range(3)]
    _practise_on(store, make_detail, run_of_five + last_three)
    stats = store.stats(TODAY)
    assert (stats.current_streak, stats.longest_streak) == (3, 5)


def test_a_streak_is_not_broken_before_the_day_is_over(
    store: LogStore, make_detail: MakeDetail
) -> None:
    _practise_on(store, make_detail, [TODAY - timedelta(days=i) for i in (1, 2)])
    assert store.stats(TODAY).current_streak == 2
    assert store.stats(TODAY + timedelta(days=1)).current_streak == 0


def test_several_sessions_a_day_count_once_and_empty_ones_not_at_all(
    store: LogStore, make_detail: MakeDetail
) -> None:
    store.add([make_detail(_at(TODAY, h), 60) for h in (6, 12, 20)])
    store.add([make_detail(_at(TODAY - timedelta(days=1)), 0, outcome="stopped")])
    stats = store.stats(TODAY)
    assert (stats.current_streak, stats.longest_streak) == (1, 1)
    assert stats.sessions == 4


def test_today_defaults_to_the_local_date(store: LogStore) -> None:
    assert store.stats().today == store.clock().astimezone().date()
