import csv
import io

from django.http import StreamingHttpResponse

from campaign.csv_export import csv_response


def test_every_text_cell_is_defused_and_other_values_pass():
    response = csv_response(
        filename="people.csv",
        header=["Name", "Note", "Count"],
        rows=[["=SUM(A1)", "+1", 3], ["@cmd", "-2", -4], ["\tTab", "plain", 0]],
    )
    rows = list(csv.reader(io.StringIO(response.getvalue().decode())))
    assert rows == [
        ["Name", "Note", "Count"],
        ["'=SUM(A1)", "'+1", "3"],
        ["'@cmd", "'-2", "-4"],
        ["'\tTab", "plain", "0"],
    ]
    assert response["Content-Disposition"] == 'attachment; filename="people.csv"'
    assert response["Content-Type"] == "text/csv; charset=utf-8"


def test_rows_are_streamed_not_built_first():
    consumed = []

    def rows():
        for number in range(3):
            consumed.append(number)
            yield [number]

    response = csv_response(filename="n.csv", header=["n"], rows=rows())
    assert isinstance(response, StreamingHttpResponse)
    assert consumed == []
    first_two = [next(iter(response.streaming_content)) for _ in range(1)]
    assert first_two == [b"n\r\n"] and consumed == []
