"""The one small-group rule: a figure about fewer than MIN_PEOPLE people is not shown, so
that nobody can be picked out of it (the impact page's "fewer than 5", the evaluation
results a coordinator sees)."""

MIN_PEOPLE = 5


def too_few_people(count: int) -> bool:
    """True when a figure counting this many people (more than none) must stay hidden."""
    return 0 < count < MIN_PEOPLE
