"""Query helpers the ORM lacks."""

from django.db.models import Lookup
from django.utils.functional import cached_property


class AnyOf(Lookup):
    """`AnyOf(F("user_id"), ids)`: the field is one of `ids`, sent to PostgreSQL as one
    array (`= ANY(%s)`) rather than one placeholder per value: with thousands of values
    psycopg's handling of the placeholders costs more than the query."""

    lookup_name = "any_of"
    prepare_rhs = False

    def get_prep_lookup(self):
        # A tuple of plain values hashes in one step; Django hashes lookups as it builds a
        # query, and a list would be copied into a tuple each time.
        return tuple(self.rhs)

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        if not self.rhs:
            return "1 = 0", []
        placeholders = ", ".join(["%s"] * len(self.rhs))
        return f"{lhs} IN ({placeholders})", [*lhs_params, *self.rhs]

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", [*lhs_params, self.array_parameter]

    @cached_property
    def array_parameter(self) -> str | list:
        """Whole numbers (ids) as one array literal, written once for every query that
        reuses this filter; PostgreSQL reads it as an array of the column's type. psycopg
        would otherwise adapt a list value by value for each query."""
        if all(type(value) is int for value in self.rhs):
            return "{" + ",".join(map(str, self.rhs)) + "}"
        return list(self.rhs)
