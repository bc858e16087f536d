"""The `{% table %}` tag: one USWDS table's markup around the rows a page writes."""

from django.template import Context, Template
from django.utils import translation

PAGE = Template(
    "{% load i18n portal %}"
    '{% table _("Your certificates") _("Course") column stacked=stacked empty=empty %}'
    "{% for row in rows %}<tr><td>{{ row }}</td></tr>{% endfor %}"
    "{% endtable %}"
)


def render(rows, *, stacked=True, empty=""):
    return PAGE.render(
        Context({"rows": rows, "column": "<Code>", "stacked": stacked, "empty": empty})
    )


def test_the_rows_stand_in_the_body_under_the_caption_and_headers_escaped_once():
    html = render(["<b>"])
    assert '<table class="usa-table usa-table--borderless usa-table--stacked width-full">' in html
    assert '<caption class="usa-sr-only">Your certificates</caption>' in html
    assert '<th scope="col">Course</th><th scope="col">&lt;Code&gt;</th>' in html
    assert "<tbody><tr><td>&lt;b&gt;</td></tr></tbody>" in html


def test_a_table_that_need_not_reflow_is_not_stacked():
    assert "usa-table--stacked" not in render(["x"], stacked=False)


def test_the_labels_are_in_the_pages_language():
    with translation.override("es"):
        html = render(["x"])
    assert '<caption class="usa-sr-only">Sus certificados</caption>' in html


def test_without_rows_the_empty_sentence_stands_instead_of_the_table():
    assert render([], empty="Nothing yet's here.") == "<p>Nothing yet&#x27;s here.</p>"
    assert render(["x"], empty="Nothing yet.").startswith("<table")
    assert "<tbody></tbody>" in render([])
