"""schedule.ics read back by an independent iCalendar parser (icalendar from PyPI)."""
import datetime
import zoneinfo

import icalendar

from conftest import ROOT, build

VIETNAM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def read_calendar(site):
    raw = (site / "schedule.ics").read_bytes()
    return raw, icalendar.Calendar.from_ical(raw)


def test_lines_are_crlf_and_folded(scorecard_site):
    raw, _ = read_calendar(scorecard_site)
    assert raw.endswith(b"\r\n")
    lines = raw.split(b"\r\n")[:-1]
    assert all(b"\n" not in line for line in lines)
    assert all(len(line) <= 75 for line in lines), [line for line in lines if len(line) > 75]
    assert any(line.startswith(b" ") for line in lines), "long Vietnamese lines are folded"
    for line in lines:
        line.decode("utf-8")  # no line is cut inside a character


def test_calendar_has_a_vietnam_timezone(scorecard_site):
    _, calendar = read_calendar(scorecard_site)
    assert calendar["VERSION"] == "2.0"
    zones = [component for component in calendar.walk("VTIMEZONE")]
    assert [str(zone["TZID"]) for zone in zones] == ["Asia/Ho_Chi_Minh"]


def test_each_event_matches_the_schedule(scorecard_site, schedule_json):
    _, calendar = read_calendar(scorecard_site)
    events = calendar.walk("VEVENT")
    sessions = schedule_json["sessions"]
    assert len(events) == len(sessions) == 3
    for event, session in zip(events, sessions):
        start = event.decoded("DTSTART")
        if session["time"]:
            hours, minutes = map(int, session["time"].split(":"))
            assert start.utcoffset() == datetime.timedelta(hours=7)
            assert start.replace(tzinfo=None) == datetime.datetime.fromisoformat(session["date"]).replace(
                hour=hours, minute=minutes)
            assert event.decoded("DTEND") > start
        else:
            assert start == datetime.date.fromisoformat(session["date"])
        assert event.decoded("DTSTAMP") == datetime.datetime(2024, 1, 26, tzinfo=datetime.timezone.utc)
        summary = str(event["SUMMARY"])
        assert ("chuyên đề" in summary) == (session["kind"] == "thematic")
        if session["venue"]:
            assert str(event["LOCATION"]) == session["venue"]  # commas and semicolons come back unescaped
        description = str(event["DESCRIPTION"])
        assert f"{len(session['audience'])} chi bộ dự" in description
        for observer in session["observers"]:
            assert observer in description
        if session["topic"]:
            assert description.startswith(session["topic"])
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == len(uids)


def test_uids_and_stamps_are_stable(scorecard_site, tmp_path):
    again = tmp_path / "again"
    result = build(ROOT / "Tests" / "Fixtures" / "scorecard-site", again, "--date", "2025-01-01")
    assert result.returncode == 0, result.stderr
    _, first = read_calendar(scorecard_site)
    _, second = read_calendar(again)
    assert [str(e["UID"]) for e in first.walk("VEVENT")] == [str(e["UID"]) for e in second.walk("VEVENT")]
    assert (scorecard_site / "schedule.ics").read_bytes() == (again / "schedule.ics").read_bytes()
