"""On PostgreSQL: a trigger keeps Resource.search_vector current (title A, summary B,
description C) and a GIN index serves searches. SQLite searches with a plain match."""

from django.db import migrations

CREATE = """
CREATE FUNCTION resources_resource_search_vector_update() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(NEW.summary, '')), 'B') ||
    setweight(to_tsvector('english', coalesce(NEW.description, '')), 'C');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER resources_resource_search_vector
  BEFORE INSERT OR UPDATE OF title, summary, description, search_vector
  ON resources_resource FOR EACH ROW
  EXECUTE FUNCTION resources_resource_search_vector_update();
CREATE INDEX resources_resource_search_gin ON resources_resource USING gin (search_vector);
UPDATE resources_resource SET title = title;
"""

DROP = """
DROP INDEX IF EXISTS resources_resource_search_gin;
DROP TRIGGER IF EXISTS resources_resource_search_vector ON resources_resource;
DROP FUNCTION IF EXISTS resources_resource_search_vector_update();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
