"""Helper of bench/server.py: a plain static server (Python's http.server) that sends, with
every file, the policy headers our pages carry, so that the static limit is the same page as
the live one but for its scripts.

    python bench/static_server.py PORT ROOT HEADERS_JSON

Why the headers matter: `Cross-Origin-Opener-Policy: same-origin` puts a page in a browsing
context group of its own, so Chromium gives the navigation a new renderer process instead of
the one the blank tab already has: about 100 ms on this machine. A static page without it
would be timed without that cost, and our page with it.
"""

import functools
import json
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer


class Handler(SimpleHTTPRequestHandler):
    policy: dict[str, str] = {}

    def end_headers(self):
        for name, value in self.policy.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):
        pass


def main() -> None:
    port, root, headers = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    Handler.policy = json.loads(headers)
    handler = functools.partial(Handler, directory=root)
    ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()


if __name__ == "__main__":
    main()
