"""A plan as an iCalendar file: a timed event per study day and all-day milestones.

Pure: plan data in, ``.ics`` bytes out. The icalendar library does everything
RFC 5545 asks (escaping, line folding, CRLF, the VTIMEZONE of the zone).

* Sessions start at the plan's ``at`` time in its time zone and last the day's
  hours, so a 19:00 session stays at 19:00 local time across daylight-saving
  changes. Milestones (the end of each unit, the plan's finish) are all-day
  events: their DTSTART is a date, a session's a date-time.
* UIDs are stable: ``<date>-<plan uid>@mlplan`` for the session of a day,
  ``unit-<unit id>-<plan uid>@mlplan`` and ``finish-<plan uid>@mlplan`` for
  milestones. SEQUENCE is the schedule's version minus one, so after a replan
  the sessions that survive keep their UID with a higher SEQUENCE and calendar
  apps update them instead of adding copies. DTSTAMP is when that schedule was
  made, so exporting the same plan twice gives the same file.
* A planned break (``--break``) is one all-day "Break" event over its days,
  UID ``break-<first day>-<plan uid>@mlplan``.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

from mlplan.errors import Note
from mlplan.hours import MINUTE, format_hours, read_hours
from mlplan.plan_data import Part, Schedule, Settings, StudyDay
from mlplan.progress import Progress, RoadmapIndex, part_id
from mlplan.wording import plural

PRODID = "-//mlplan//mlplan study planner//EN"


def build_calendar(
    *,
    plan_name: str,
    plan_uid: str,
    settings: Settings,
    schedule: Schedule,
    version: int,
    made_at: str,
    index: RoadmapIndex,
    progress: Progress,
    alarm_minutes: int | None = None,
    pending_only: bool = False,
    from_date: date | None = None,
    weeks: int | None = None,
    review_days: list[dict[str, Any]] | None = None,
) -> bytes:
    """The plan's sessions and milestones as an iCalendar file (and review sessions, given ``review_days``)."""
    zone = ZoneInfo(settings.tz or "UTC")
    at = time.fromisoformat(settings.at or "19:00")
    stamp = datetime.fromisoformat(made_at)
    first = from_date or schedule.start
    last = first + timedelta(days=7 * weeks - 1) if weeks else date.max

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"mlplan · {plan_name}")

    days = schedule.study_days()
    for day in days:
        if not first <= day.date <= last:
            continue
        if pending_only and all(progress.is_settled(p) for p in day.parts):
            continue
        calendar.add_component(_session(day, zone, at, plan_uid, version, stamp, index, alarm_minutes))

    for milestone in _milestones(days, index, plan_name):
        if first <= milestone["date"] <= last:
            key = f"{milestone['key']}-{plan_uid}"
            event = _event(key, stamp, version, milestone["date"], milestone["date"] + timedelta(days=1))
            event.add("summary", milestone["summary"])
            event.add("transp", "TRANSPARENT")
            event.add("categories", ["mlplan", "milestone"])
            calendar.add_component(event)

    for pause in settings.breaks:
        if pause[0] <= last and pause[1] >= first:
            calendar.add_component(_break(pause, first, last, plan_uid, version, stamp))

    session_hours = {day.date: day.hours for day in days}
    for review in review_days or []:
        on = date.fromisoformat(review["date"])
        if first <= on <= last:
            calendar.add_component(_review(review, on, zone, at, session_hours, plan_uid, version, stamp))

    if days:  # VTIMEZONE rules only for the years the plan spans
        calendar.add_missing_timezones(
            first_date=days[0].date - timedelta(days=366),
            last_date=days[-1].date + timedelta(days=366),
        )
    return calendar.to_ical()


def _event(key: str, stamp: datetime, version: int, start: date | datetime, end: date | datetime) -> Event:
    """An event with what every mlplan event carries: a UID stable across exports, and a SEQUENCE
    that rises with each replan, so a calendar app updates the event instead of duplicating it."""
    event = Event()
    event.add("uid", f"{key}@mlplan")
    event.add("dtstamp", stamp)
    event.add("sequence", version - 1)
    event.add("dtstart", start)
    event.add("dtend", end)
    return event


def _break(pause: tuple[date, date], first: date, last: date, plan_uid: str, version: int, stamp: datetime) -> Event:
    """A planned pause (its first and last days) as one all-day event over its days, clipped to the exported range."""
    begin = max(pause[0], first)
    end = min(pause[1], last)
    event = _event(f"break-{pause[0].isoformat()}-{plan_uid}", stamp, version, begin, end + timedelta(days=1))
    event.add("summary", "Break")
    event.add("description", f"A planned pause: no study from {pause[0].isoformat()} to {pause[1].isoformat()}.")
    event.add("transp", "TRANSPARENT")
    event.add("categories", ["mlplan", "break"])
    return event


def _review(
    review: dict[str, Any],
    on: date,
    zone: ZoneInfo,
    at: time,
    session_hours: dict[date, float],
    plan_uid: str,
    version: int,
    stamp: datetime,
) -> Event:
    """A short review right after the day's session (or at the study time on a day without one)."""
    begin = datetime.combine(on, at, tzinfo=zone) + timedelta(hours=session_hours.get(on, 0))
    cards = review["cards"]
    end = begin + timedelta(minutes=review["minutes"])
    event = _event(f"review-{on.isoformat()}-{plan_uid}", stamp, version, begin, end)
    event.add("summary", f"ML review · {plural(len(cards), 'card')} (~{review['minutes']} min)")
    lines = [f"- {card['id']} {card['title']}" for card in cards]
    event.add("description", "\n".join(lines + ["", "Review with: mlplan review"]))
    event.add("categories", ["mlplan", "review"])
    return event


def _session(
    day: StudyDay,
    zone: ZoneInfo,
    at: time,
    plan_uid: str,
    version: int,
    stamp: datetime,
    index: RoadmapIndex,
    alarm_minutes: int | None,
) -> Event:
    begin = datetime.combine(day.date, at, tzinfo=zone)
    units = list(dict.fromkeys(_unit_of(p, index) for p in day.parts))
    titles = " / ".join(index.units[u]["title"] if u in index.units else u for u in units)
    event = _event(f"{day.date.isoformat()}-{plan_uid}", stamp, version, begin, begin + timedelta(hours=day.hours))
    event.add("summary", f"ML study · {titles} ({format_hours(day.hours)})")
    event.add("description", _description(day, index))
    event.add("categories", ["mlplan", "study"])
    if alarm_minutes:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"ML study in {alarm_minutes} minutes")
        alarm.add("trigger", timedelta(minutes=-alarm_minutes))
        event.add_component(alarm)
    return event


def _unit_of(p: Part, index: RoadmapIndex) -> str:
    """The part's unit (a part restored from a backup may not name it: its roadmap item does)."""
    return p.unit_id or index.unit_of.get(p.item_id, "")


def _description(day: StudyDay, index: RoadmapIndex) -> str:
    lines = []
    for p in day.parts:
        part = f"part {p.part} of {p.parts}, " if p.parts > 1 else ""
        lines.append(f"- {part_id(p)} {p.title} ({part}{format_hours(p.hours)})")
        for resource in index.items.get(p.item_id, {}).get("resources", []):
            link = f": {resource['url']}" if resource.get("url") else ""
            lines.append(f"    {resource['title']}{link}")
    lines.append("")
    lines.append("Mark progress with: mlplan done " + " ".join(part_id(p) for p in day.parts))
    return "\n".join(lines)


def _milestones(days: list[StudyDay], index: RoadmapIndex, plan_name: str) -> list[dict[str, Any]]:
    """The last study day of each unit, and the plan's finish."""
    unit_end: dict[str, date] = {}
    for day in days:
        for p in day.parts:
            unit_end[_unit_of(p, index)] = day.date
    milestones = [
        {
            "key": f"unit-{unit_id}",
            "date": end,
            "summary": f"Milestone · {index.units[unit_id]['title'] if unit_id in index.units else unit_id} done",
        }
        for unit_id, end in unit_end.items()
    ]
    if days:
        milestones.append({"key": "finish", "date": days[-1].date, "summary": f"Finish · {plan_name}"})
    return milestones


MAX_ALARM_HOURS = 7 * 24


def read_alarm(text: str) -> tuple[int, Note | None]:
    """Minutes before each session to remind the learner, from a duration such as ``15m`` or ``1h``.

    A minute to a week, to the minute; the note says when the duration was rounded.
    """
    before = read_hours(text, "alarm", most=MAX_ALARM_HOURS, step=MINUTE, numbers=False, like="15m")
    return round(before.hours * 60), before.note
