"""Query helpers the ORM lacks."""

from django.db.models import Lookup


class AnyOf(Lookup):
    """`AnyOf(F("user_id"), ids)`: the field is one of `ids`, sent to PostgreSQL as one
    array (`= ANY(%s)`) rather than one placeholder per value: with thousands of values
    psycopg's handling of the placeholders costs more than the query."""

    lookup_name = "any_of"
    prepare_rhs = False

    def get_prep_lookup(self):
        return list(self.rhs)

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        if not self.rhs:
            return "1 = 0", []
        placeholders = ", ".join(["%s"] * len(self.rhs))
        return f"{lhs} IN ({placeholders})", [*lhs_params, *self.rhs]

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", [*lhs_params, self.rhs]
