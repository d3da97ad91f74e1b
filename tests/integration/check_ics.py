#!/usr/bin/env python3
"""tests/integration/check_ics.py - read an exported calendar back with a real iCalendar
parser (Python's `icalendar`, pinned in scripts/install-deps.sh) and check it against what
the test expects.

Usage: check_ics.py FILE.ics EXPECTED.json

EXPECTED.json is a list of events: {"uid", "summary" (null: not checked), "status", and either "start_ms" and
"end_ms" (UTC instants) with "tzid" (the building's zone, an IANA name), or "date" (an
all-day one, "YYYY-MM-DD")}. The file must hold exactly those events. Each timed event's
DTSTART and DTEND must name the building's zone and mean that instant, both as the
parser's zone database reads the TZID and as the file's own VTIMEZONE says; each all-day one
must be that date (DTEND the next day). Prints what is wrong and exits 1; exits 0 when all
hold.
"""
import datetime
import json
import sys
import zoneinfo

import icalendar


def fail(problems):
    for p in problems:
        print("check_ics:", p)
    sys.exit(1)


def instant_ms(dt):
    return int(round(dt.timestamp() * 1000))


def main(argv):
    if len(argv) != 3:
        fail(["usage: check_ics.py FILE.ics EXPECTED.json"])
    raw = open(argv[1], "rb").read()
    expected = {e["uid"]: e for e in json.load(open(argv[2]))}
    problems = []
    if b"\n" in raw.replace(b"\r\n", b""):
        problems.append("a line ends without CRLF")
    for line in raw.split(b"\r\n"):
        if len(line) > 75:
            problems.append(f"a line of {len(line)} octets: {line[:40]!r}...")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"a line that is not whole UTF-8: {line[:40]!r}")
    cal = icalendar.Calendar.from_ical(raw)
    if str(cal.get("VERSION")) != "2.0" or str(cal.get("PRODID")) != "-//membercore//EN":
        problems.append("VERSION or PRODID wrong")
    own_zones = {str(tz["TZID"]): tz.to_tz() for tz in cal.walk("VTIMEZONE")}
    seen = set()
    for ev in cal.walk("VEVENT"):
        uid = str(ev["UID"])
        seen.add(uid)
        want = expected.get(uid)
        if want is None:
            problems.append(f"{uid}: not expected")
            continue
        if want["summary"] is not None and str(ev["SUMMARY"]) != want["summary"]:
            problems.append(f"{uid}: SUMMARY {str(ev['SUMMARY'])!r}, want {want['summary']!r}")
        if str(ev.get("STATUS")) != want["status"]:
            problems.append(f"{uid}: STATUS {ev.get('STATUS')}, want {want['status']}")
        if not str(ev.get("LOCATION", "")):
            problems.append(f"{uid}: no LOCATION")
        if ev["DTSTAMP"].dt.utcoffset() != datetime.timedelta(0):
            problems.append(f"{uid}: DTSTAMP is not UTC")
        start, end = ev["DTSTART"], ev["DTEND"]
        if "date" in want:
            day = datetime.date.fromisoformat(want["date"])
            if start.params.get("VALUE") != "DATE" or start.dt != day:
                problems.append(f"{uid}: DTSTART {start.to_ical()!r}, want the date {day}")
            if end.dt != day + datetime.timedelta(days=1):
                problems.append(f"{uid}: DTEND {end.to_ical()!r}, want the next day")
            continue
        for name, prop, ms in (("DTSTART", start, want["start_ms"]), ("DTEND", end, want["end_ms"])):
            tzid = prop.params.get("TZID")
            if tzid != want["tzid"]:
                problems.append(f"{uid}: {name} TZID {tzid}, want {want['tzid']}")
                continue
            if instant_ms(prop.dt) != ms:
                problems.append(f"{uid}: {name} is {prop.dt.isoformat()} = {instant_ms(prop.dt)}"
                                f" ms, want {ms}")
            # the same wall clock read with the file's VTIMEZONE and with the zone database
            wall = prop.dt.replace(tzinfo=None)
            if tzid not in own_zones:
                problems.append(f"{uid}: no VTIMEZONE for {tzid}")
                continue
            mine = instant_ms(wall.replace(tzinfo=own_zones[tzid]))
            iana = instant_ms(wall.replace(tzinfo=zoneinfo.ZoneInfo(tzid)))
            if mine != ms or iana != ms:
                problems.append(f"{uid}: {name} {wall} in {tzid}: VTIMEZONE gives {mine}, "
                                f"the zone database {iana}, want {ms}")
    for uid in expected:
        if uid not in seen:
            problems.append(f"{uid}: missing")
    if problems:
        fail(problems)
    print(f"check_ics: {len(seen)} events as expected, icalendar {icalendar.__version__}")


if __name__ == "__main__":
    main(sys.argv)
