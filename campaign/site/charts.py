"""Bar charts drawn on the server as SVG geometry, for the templates in campaign/charts/.

Coordinates are in the SVG's own units; the viewBox scales the chart to its container. The
numbers always also appear in a table beside the chart, so the SVG is decoration for
people who can see it.
"""

from dataclasses import dataclass

from campaign.site.impact import MIN_PEOPLE, Breakdown

WIDTH = 640
LABEL_WIDTH = 250  # room for the longest kind or state name at the chart's font size
VALUE_WIDTH = 70
BAR_HEIGHT = 22
BAR_GAP = 10

COLUMN_AREA_HEIGHT = 180
COLUMN_LABEL_HEIGHT = 40


@dataclass
class Bar:
    label: str
    text: str  # the value as shown: the number, or "fewer than 5"
    x: float
    y: float
    width: float
    height: float
    text_x: float
    text_y: float
    label_x: float
    label_y: float


@dataclass
class Chart:
    kind: str  # "bars" (horizontal) or "columns" (month by month)
    width: int
    height: int
    bars: list[Bar]
    baseline_y: float = 0


def value_text(value: int | None) -> str:
    return f"fewer than {MIN_PEOPLE}" if value is None else f"{value:,}"


def scale(value: int | None, largest: int, length: float) -> float:
    if not value or not largest:
        return 0
    return round(max(value / largest * length, 1), 1)


def horizontal_bars(breakdown: Breakdown) -> Chart:
    largest = max((row.value or 0 for row in breakdown.rows), default=0)
    bar_area = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = []
    for index, row in enumerate(breakdown.rows):
        y = index * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
        width = scale(row.value, largest, bar_area)
        bars.append(
            Bar(
                label=row.label,
                text=value_text(row.value),
                x=LABEL_WIDTH,
                y=y,
                width=width,
                height=BAR_HEIGHT,
                text_x=LABEL_WIDTH + width + 6,
                text_y=y + BAR_HEIGHT * 0.72,
                label_x=LABEL_WIDTH - 8,
                label_y=y + BAR_HEIGHT * 0.72,
            )
        )
    height = len(bars) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    return Chart(kind="bars", width=WIDTH, height=max(height, BAR_HEIGHT + 2 * BAR_GAP), bars=bars)


def columns(breakdown: Breakdown) -> Chart:
    largest = max((row.value or 0 for row in breakdown.rows), default=0)
    count = max(len(breakdown.rows), 1)
    slot = WIDTH / count
    top = 24  # room for the value above the tallest column
    bars = []
    for index, row in enumerate(breakdown.rows):
        height = scale(row.value, largest, COLUMN_AREA_HEIGHT - top)
        x = round(index * slot + slot * 0.15, 1)
        bars.append(
            Bar(
                label=f"{row.label[:3]} \u2019{row.label[-2:]}",  # "Jan 2026" shortened to fit
                text="<5" if row.value is None else f"{row.value:,}",
                x=x,
                y=COLUMN_AREA_HEIGHT - height,
                width=round(slot * 0.7, 1),
                height=height,
                text_x=round(index * slot + slot / 2, 1),
                text_y=COLUMN_AREA_HEIGHT - height - 6,
                label_x=round(index * slot + slot / 2, 1),
                label_y=COLUMN_AREA_HEIGHT + 22,
            )
        )
    return Chart(
        kind="columns",
        width=WIDTH,
        height=COLUMN_AREA_HEIGHT + COLUMN_LABEL_HEIGHT,
        bars=bars,
        baseline_y=COLUMN_AREA_HEIGHT,
    )


def chart_for(breakdown: Breakdown) -> Chart:
    return columns(breakdown) if breakdown.monthly else horizontal_bars(breakdown)
