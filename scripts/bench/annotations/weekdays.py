# Counts weekday dates (a weekday with a day and month, the year left out: resolution "completed") in
# `warta annotate` output on stdin whose date falls on another weekday, and how many of those a year within a year
# of the article would make consistent; prints a few of them.
# Usage: .build/release/warta annotate FILE.jsonl | python3 scripts/bench/annotations/weekdays.py
import datetime
import json
import sys

WEEKDAYS = {"senin": 1, "selasa": 2, "rabu": 3, "kamis": 4, "jumat": 5, "jum'at": 5, "sabtu": 6, "minggu": 7, "ahad": 7}


def consistent_years(published, month, day, weekday):
    try:
        year = datetime.date.fromisoformat(published).year
    except ValueError:
        return []
    years = []
    for candidate in (year - 1, year, year + 1):
        try:
            if datetime.date(candidate, month, day).isoweekday() == weekday:
                years.append(candidate)
        except ValueError:
            pass
    return years


total = contradicting = fixable = 0
examples = []
for line in sys.stdin:
    article = json.loads(line)
    published = (article.get("published") or "")[:10]
    for date in article.get("dates", []):
        first = date["text"].split(" ")[0].strip(",(").lower()
        if first not in WEEKDAYS or date["granularity"] != "day" or date["resolution"] != "completed":
            continue
        day = datetime.date.fromisoformat(date["date"][:10])
        total += 1
        if day.isoweekday() == WEEKDAYS[first]:
            continue
        contradicting += 1
        if consistent_years(published, day.month, day.day, WEEKDAYS[first]):
            fixable += 1
            if len(examples) < 8:
                examples.append((published, date["text"], date["date"]))
print(
    f"weekday dates {total}, weekday contradicts the date {contradicting}, "
    f"of which a consistent year lies within a year of the article {fixable}")
for example in examples:
    print("  published", example[0], "|", example[1], "->", example[2])
