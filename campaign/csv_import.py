"""The one way an uploaded CSV file is read: size and row limits, UTF-8 (with or without
the byte-order mark spreadsheets add), the columns a page needs, and a clear refusal
for anything else. Each page then checks its rows and previews what will happen."""

import csv
import io

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaign.uploads import UploadPolicy, check_upload

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
# The one upload check decides first: text named .csv, UTF-8, no NUL, no web page code.
CSV_POLICY = UploadPolicy(kinds=("csv",), max_mb=2)


def read_csv(upload, *, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """The rows of the file as dicts keyed by lower-case column names, values stripped."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The file is larger than 2 MB: split it in parts."))
    check_upload(upload, policy=CSV_POLICY)
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            _("The file is not UTF-8 text: save it from your spreadsheet as “CSV UTF-8”.")
        ) from None
    try:
        reader = csv.DictReader(io.StringIO(text))
        header = [name.strip().lower() for name in reader.fieldnames or []]
        missing = [column for column in columns if column not in header]
        if missing:
            raise ValidationError(
                _("The file needs a column named “%(column)s” in its first row.")
                % {"column": missing[0]}
            )
        rows = []
        for row in reader:
            if len(rows) == MAX_ROWS:
                raise ValidationError(
                    _("The file has more than %(max)s rows: split it in parts.")
                    % {"max": MAX_ROWS}
                )
            cleaned = {
                (key or "").strip().lower(): (value or "").strip()
                for key, value in row.items()
                if isinstance(value, str) or value is None
            }
            if any(cleaned.values()):
                rows.append(cleaned)
    except csv.Error:
        raise ValidationError(_("The file is not a CSV file the portal can read.")) from None
    if not rows:
        raise ValidationError(_("The file has no rows below its first one."))
    return rows


def sign_choice(values: list, *, salt: str) -> str:
    """What a preview page carries to its confirmation, so the file is not sent twice and
    nothing but the previewed choice can be confirmed."""
    return signing.dumps(values, salt=salt, compress=True)


def read_choice(token: str, *, salt: str, max_age: int = 3600) -> list:
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        raise ValidationError(_("This preview has expired: upload the file again.")) from None


class PeopleFileForm(forms.Form):
    """An uploaded CSV file of people, one column named "email": once the form is valid,
    `rows` holds its rows (read by `read_csv`, refusals shown on the file field). A page's
    form names the file in `file_label`."""

    file_label = gettext_lazy("CSV file of people")
    file = forms.FileField(
        help_text=gettext_lazy("One column named “email”, one person per row."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].label = self.file_label

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.rows = read_csv(upload, columns=("email",))
        return upload


class PreviewThenConfirmMixin:
    """A page that reads an uploaded file, previews what it will do, then does it for the
    previewed choice: a POST carrying the signed `token` goes to `commit(request)`; any
    other reads `file_form_class` (in the context as `file_form_name`) and, when valid,
    asks `preview(form)` for the preview page, which may instead put an error on the form
    and return None."""

    file_form_class: type[forms.Form]
    file_form_name = "form"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault(self.file_form_name, self.file_form_class())
        return context

    def post(self, request, *args, **kwargs):
        if "token" in request.POST:
            return self.commit(request)
        form = self.file_form_class(request.POST, request.FILES)
        if form.is_valid():
            page = self.preview(form)
            if page is not None:
                return page
        return self.render_to_response(self.get_context_data(**{self.file_form_name: form}))
