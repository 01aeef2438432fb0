"""Helper of bench/run.py: the server time and query count of one page, measured in this new
process through Django's test Client, printed as JSON.

    DATABASE_URL=… DJANGO_SECRET_KEY=… python bench/inprocess.py URL REPEATS WARMUP

- first: the first request of the process, the cache cleared before it (imports, template
  compilation, the database connection, empty caches), as after a deploy;
- cached: REPEATS requests after WARMUP more, as the app serves them (its page cache filled);
- render: REPEATS requests each after `cache.clear()`, so the view does all its work but for
  the in-memory event index (dialogue/eventindex.py), which is built once per process and data
  version: its build time, taken apart (median of 3), is `index_build`.

Requests ask for gzip, as browsers do; `bytes` is the decoded HTML.

Times are wall-clock ms around `Client.get` (middleware, view, ORM, database, template; no
HTTP server, no network). Queries are counted with CaptureQueriesContext.
"""

import gzip
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dialogue.settings")


def main() -> None:
    url, repeats, warmup = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])

    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    # The test Client's default host, "testserver", is not in DJANGO_ALLOWED_HOSTS.
    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_ENCODING="gzip, br")

    def one(clear: bool) -> dict:
        if clear:
            cache.clear()
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
            body = response.content
            if response.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
        elapsed = (time.perf_counter() - start) * 1000
        if response.status_code != 200:
            location = response.get("Location", "")
            raise SystemExit(f"{url}: HTTP {response.status_code} {location}".strip())
        return {"ms": elapsed, "queries": len(queries), "bytes": len(body)}

    first = one(clear=True)  # caches empty, whatever backend and whoever filled it
    for _ in range(warmup):
        one(clear=False)
    cached = [one(clear=False) for _ in range(repeats)]
    render = [one(clear=True) for _ in range(repeats)]
    from dialogue import eventindex

    builds = []
    for _ in range(3):
        start = time.perf_counter()
        eventindex.build()
        builds.append((time.perf_counter() - start) * 1000)
    index_build = {"ms": statistics.median(builds), "events": eventindex.current().size}
    print(
        json.dumps(
            {
                "url": url,
                "first": first,
                "cached": cached,
                "render": render,
                "index_build": index_build,
            }
        )
    )


if __name__ == "__main__":
    main()
