"""Search in English, Japanese and Korean, indexed by each database itself (see dialogue.search).

The search documents are rebuilt in the new form (every language's titles and summaries; the
titles apart; Japanese and Korean words also as their two-character pieces). Then each database
indexes them, kept in step by triggers, so that every write (saves, raw fixture loads, bulk
inserts, the shell) reaches the index:
- PostgreSQL: a table of postings, one row per word (a tsvector lexeme, as to_tsvector('english')
  makes it) per event, with its score in that event and the event's date, read by index-only
  scans in rank order. It replaces 0002's expression GIN index: a GIN index finds the rows, but
  ids and ranks are then read from the events table itself, a page visit per match (some 40 ms
  for a word in one event of six, at 100,000 events; this takes about 3).
- SQLite: an FTS5 table (porter stemming, unicode61 tokens), contentless. Django doesn't know
  these triggers: a later migration that makes Django rebuild dialogue_event on SQLite (some
  AlterField/AddField do) drops them, and must recreate them (run create_index again).
"""

from django.db import migrations

from dialogue import search

OLD_INDEX = "dialogue_event_search_idx"
FTS, TERMS = search.FTS_TABLE, search.TERMS_TABLE
BATCH = 1000
CONFIG = "'english'::regconfig"

# PostgreSQL. The document's words (its titles, before the form feed search.HEADING_END,
# weighted A), and each word's score in it: its occurrences, one in a title counting as
# search.HEADING_WEIGHT, saturating (w / (w + 1)), so a word's repetition counts less and less.
PG_CREATE = [
    f"""CREATE FUNCTION dialogue_event_vector(doc text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT setweight(to_tsvector({CONFIG}, split_part(doc, E'\\f', 1)), 'A')
            || to_tsvector({CONFIG}, split_part(doc, E'\\f', 2))
    $$""",
    f"""CREATE FUNCTION dialogue_event_terms(doc text) RETURNS TABLE (lexeme text, score real)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT t.lexeme, (s.w / (s.w + 1))::real
        FROM unnest(dialogue_event_vector(doc)) AS t
        CROSS JOIN LATERAL (
            SELECT sum(CASE x WHEN 'A' THEN {search.HEADING_WEIGHT} ELSE 1.0 END) AS w
            FROM unnest(t.weights) AS x
        ) AS s
    $$""",
    f"""CREATE TABLE {TERMS} (
        lexeme text COLLATE "C" NOT NULL,
        event_id integer NOT NULL,
        score real NOT NULL,
        date_lower date NOT NULL
    )""",
    f"""CREATE FUNCTION {TERMS}_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO {TERMS} (lexeme, event_id, score, date_lower)
        SELECT t.lexeme, n.id, t.score, n.date_lower
        FROM new_rows AS n CROSS JOIN LATERAL dialogue_event_terms(n.search_document) AS t;
        RETURN NULL;
    END $$""",
    f"""CREATE FUNCTION {TERMS}_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        WITH changed AS (
            SELECT n.id, n.search_document, n.date_lower
            FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id
            WHERE (o.search_document, o.date_lower)
                IS DISTINCT FROM (n.search_document, n.date_lower)
        ), gone AS (
            DELETE FROM {TERMS} WHERE event_id IN (SELECT id FROM changed)
        )
        INSERT INTO {TERMS} (lexeme, event_id, score, date_lower)
        SELECT t.lexeme, c.id, t.score, c.date_lower
        FROM changed AS c CROSS JOIN LATERAL dialogue_event_terms(c.search_document) AS t;
        RETURN NULL;
    END $$""",
    f"""CREATE FUNCTION {TERMS}_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM {TERMS} WHERE event_id IN (SELECT id FROM old_rows);
        RETURN NULL;
    END $$""",
    f"""CREATE FUNCTION {TERMS}_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE {TERMS};
        RETURN NULL;
    END $$""",
    f"CREATE TRIGGER {TERMS}_insert AFTER INSERT ON dialogue_event REFERENCING NEW TABLE AS "
    f"new_rows FOR EACH STATEMENT EXECUTE FUNCTION {TERMS}_insert()",
    f"CREATE TRIGGER {TERMS}_update AFTER UPDATE ON dialogue_event REFERENCING OLD TABLE AS "
    f"old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {TERMS}_update()",
    f"CREATE TRIGGER {TERMS}_delete AFTER DELETE ON dialogue_event REFERENCING OLD TABLE AS "
    f"old_rows FOR EACH STATEMENT EXECUTE FUNCTION {TERMS}_delete()",
    f"CREATE TRIGGER {TERMS}_truncate AFTER TRUNCATE ON dialogue_event "
    f"FOR EACH STATEMENT EXECUTE FUNCTION {TERMS}_truncate()",
    f"INSERT INTO {TERMS} (lexeme, event_id, score, date_lower) "
    f"SELECT t.lexeme, e.id, t.score, e.date_lower FROM dialogue_event AS e "
    f"CROSS JOIN LATERAL dialogue_event_terms(e.search_document) AS t",
    # The best events for a word first, then the oldest: a search's order, in the index.
    f"CREATE INDEX {TERMS}_rank ON {TERMS} (lexeme, score DESC, date_lower, event_id)",
    f"CREATE INDEX {TERMS}_event ON {TERMS} (event_id)",  # for the triggers
    f"ANALYZE {TERMS}",
    f"DROP INDEX IF EXISTS {OLD_INDEX}",
]
OPS = ("insert", "update", "delete", "truncate")
PG_DROP = [
    *(f"DROP TRIGGER IF EXISTS {TERMS}_{op} ON dialogue_event" for op in OPS),
    f"DROP TABLE IF EXISTS {TERMS}",
    *(f"DROP FUNCTION IF EXISTS {TERMS}_{op}()" for op in OPS),
    "DROP FUNCTION IF EXISTS dialogue_event_terms(text)",
    "DROP FUNCTION IF EXISTS dialogue_event_vector(text)",
    # 0002's, as it was
    f"CREATE INDEX IF NOT EXISTS {OLD_INDEX} ON dialogue_event USING gin "
    "(to_tsvector('english'::regconfig, COALESCE(search_document, '')))",
]


def _sqlite_parts(row: str) -> str:
    doc = f"{row}.search_document"
    cut = f"instr({doc}, char(12))"
    return f"substr({doc}, 1, {cut} - 1), substr({doc}, {cut} + 1)"


SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE {FTS} USING fts5(heading, body, content='', "
    "tokenize='porter unicode61')",
    f"""CREATE TRIGGER {FTS}_insert AFTER INSERT ON dialogue_event BEGIN
        INSERT INTO {FTS}(rowid, heading, body) VALUES (new.id, {_sqlite_parts("new")});
    END""",
    f"""CREATE TRIGGER {FTS}_delete AFTER DELETE ON dialogue_event BEGIN
        INSERT INTO {FTS}({FTS}, rowid, heading, body)
        VALUES ('delete', old.id, {_sqlite_parts("old")});
    END""",
    f"""CREATE TRIGGER {FTS}_update AFTER UPDATE OF id, search_document ON dialogue_event BEGIN
        INSERT INTO {FTS}({FTS}, rowid, heading, body)
        VALUES ('delete', old.id, {_sqlite_parts("old")});
        INSERT INTO {FTS}(rowid, heading, body) VALUES (new.id, {_sqlite_parts("new")});
    END""",
    f"INSERT INTO {FTS}(rowid, heading, body) "
    f"SELECT id, {_sqlite_parts('dialogue_event')} FROM dialogue_event",
]


SQLITE_DROP = [
    *(f"DROP TRIGGER IF EXISTS {FTS}_{op}" for op in ("insert", "delete", "update")),
    f"DROP TABLE IF EXISTS {FTS}",
]


def rebuild_documents(apps, schema_editor):
    """Every event's search document in the new form (search.document, as services write it)."""
    Event = apps.get_model("dialogue", "Event")
    using = schema_editor.connection.alias
    texts = [f"{field}_{code}" for field in ("title", "summary") for code in ("en", "ja", "ko")]
    events = (
        Event.objects.using(using)
        .prefetch_related("citations", "participations__actor")
        .only("pk", *texts)
        .order_by("pk")
    )
    last = 0
    while chunk := list(events.filter(pk__gt=last)[:BATCH]):  # read, then write, each chunk
        rows = [
            (
                search.document(
                    event,
                    [c.exact for c in event.citations.all()],
                    [p.actor for p in event.participations.all()],
                ),
                event.pk,
            )
            for event in chunk
        ]
        with schema_editor.connection.cursor() as cursor:
            # One statement, many rows: bulk_update's CASE over a thousand ids is far slower.
            cursor.executemany("UPDATE dialogue_event SET search_document = %s WHERE id = %s", rows)
        last = chunk[-1].pk
    if last:  # search pages change: a new data version, so no cached page outlives this
        apps.get_model("dialogue", "DataVersion").objects.using(using).create()


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"postgresql": PG_CREATE, "sqlite": SQLITE_CREATE}.get(vendor, []):
        schema_editor.execute(sql)


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"postgresql": PG_DROP, "sqlite": SQLITE_DROP}.get(vendor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):

    dependencies = [
        ('dialogue', '0007_translations'),
    ]

    operations = [
        migrations.RunPython(rebuild_documents, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
    ]
