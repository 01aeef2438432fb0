"""gunicorn for one app server instance: `gunicorn -c deploy/gunicorn.conf.py`, run from the
project folder (systemd: deploy/systemd/dialogue@.service). Every figure comes from the
environment; deploy/env.example lists them."""

import os

wsgi_app = "dialogue.wsgi:application"

# One instance per port (dialogue@8001, dialogue@8002, …); on its own machine it listens on the
# address HAProxy reaches it at.
bind = f"{os.environ.get('GUNICORN_HOST', '127.0.0.1')}:{os.environ.get('GUNICORN_PORT', '8000')}"

# Sync workers: a render is CPU and database work, 1 to 50 ms; HAProxy holds the slow clients
# and queues what the workers can't take yet (`maxconn` = this figure, in servers.cfg).
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))

# A worker silent this long is stopped and replaced, with a traceback of where it was stuck.
# The full exports at 100,000 events take over 30 s; HAProxy's `timeout server` is longer still.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30

# Workers are replaced after about this many requests, at different times (the jitter), so no
# slow growth of memory lasts. Rarely: a new worker costs about 2.5 s of CPU at 100,000 events
# (its start, 1 s; its event index, 1 s; its first page). At 300 to 700 requests a second per
# worker that is under 2 % of its time every 100,000 requests; every 2,000, a third or more.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = max_requests // 10

# Only HAProxy's address may tell gunicorn the request came over https (X-Forwarded-Proto);
# Django reads the same header itself (SECURE_PROXY_SSL_HEADER), and the client's address from
# X-Forwarded-For (DJANGO_PROXY_COUNT).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# One line per request to standard output (the journal), with the reader's address as HAProxy
# saw it and the time taken in microseconds.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = '%({x-forwarded-for}i)s %(h)s %(t)s "%(r)s" %(s)s %(b)s %(D)sus "%(a)s"'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# The heartbeat file on memory, not a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
