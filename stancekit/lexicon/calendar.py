"""Month and weekday names, full and abbreviated (lowercase)."""

from __future__ import annotations

__all__ = [
    "MONTHS",
    "MONTH_ABBREVIATIONS",
    "MONTH_NAMES_AND_ABBREVIATIONS",
    "WEEKDAYS",
    "WEEKDAY_NAMES_AND_ABBREVIATIONS",
]

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTH_ABBREVIATIONS = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
)
# Abbreviations first, so that a regex alternation of them keeps its order.
MONTH_NAMES_AND_ABBREVIATIONS = MONTH_ABBREVIATIONS + tuple(
    m for m in MONTHS if m not in MONTH_ABBREVIATIONS
)
WEEKDAYS = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
WEEKDAY_ABBREVIATIONS = (
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
)
WEEKDAY_NAMES_AND_ABBREVIATIONS = WEEKDAY_ABBREVIATIONS + WEEKDAYS
