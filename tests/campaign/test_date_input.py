"""Every date field is an <input type="date">, whose value must be an ISO date in any
language: the one shared widget writes it so."""

from datetime import date

from django.utils import translation

from campaign.widgets import DateInput
from partners.forms import ApiTokenForm
from training.filters import SessionFilter
from training.forms import ReportFilterForm


def test_the_forms_date_fields_share_the_one_date_input():
    assert isinstance(ApiTokenForm().fields["expires_on"].widget, DateInput)
    assert isinstance(ReportFilterForm().fields["start"].widget, DateInput)
    assert SessionFilter.base_filters["starts_after"].extra["widget"] is DateInput


def test_a_date_shown_in_a_date_input_is_iso_in_spanish_too():
    form = ApiTokenForm(initial={"expires_on": date(2027, 2, 24)})
    with translation.override("es"):
        html = str(form["expires_on"])
    assert 'type="date"' in html and 'value="2027-02-24"' in html
