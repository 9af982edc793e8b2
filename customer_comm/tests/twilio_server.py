# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A Twilio Messages API on 127.0.0.1 standing in for the gateway in the
tests and the benchmarks (no Odoo import: ``bench/`` loads it by path).

Every request is checked against Twilio's own OpenAPI description
(``data/twilio_api_v2010_messages.yaml``) with openapi-core, and against its
``x-twilio`` rule (``From`` or ``MessagingServiceSid``): a request that does
not conform is answered 400 and kept in ``violations``, so a drift of the
client fails the test. Accepted messages are stored and listed back as
Twilio does (filter by ``To``, ``From``, ``DateSent>``/``DateSent<``; a
message still queued has no ``date_sent``).

The test scripts the next answers (``script``): "timeout" (stores the
message, answers after the client gave up), "drop" (stores it, closes the
connection without answering), "refuse" (closes without storing), "garbage"
(a 201 that is not JSON), "list" (a 201 whose JSON is an array), "string",
"nosid" (a JSON object without ``sid``), "redirect", "truncated" (a chunked
201 cut in the middle), "error500", "busy" (429), "reject" (400, invalid
number), "auth" (401), "not_found" (404 echoing the path, as Twilio does).
"""

import base64
import json
import secrets
import socket
import threading
import time
from datetime import datetime, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

SPEC_PATH = Path(__file__).parent / "data" / "twilio_api_v2010_messages.yaml"
MESSAGES_SUFFIX = "/Messages.json"
_SPEC = []


def openapi():
    """Twilio's Messages API description, loaded once per process."""
    if not _SPEC:
        import yaml  # noqa: PLC0415  (only the contract check needs them)
        from openapi_core import OpenAPI  # noqa: PLC0415

        _SPEC.append(OpenAPI.from_dict(yaml.safe_load(SPEC_PATH.read_text())))
    return _SPEC[0]


def new_sid(prefix="SM"):
    return prefix + secrets.token_hex(16)


class _OpenAPIRequest:
    """What openapi-core reads of a request (its ``Request`` protocol)."""

    def __init__(self, method, path, query, headers, body, content_type):
        from openapi_core.datatypes import RequestParameters  # noqa: PLC0415
        from werkzeug.datastructures import Headers, ImmutableMultiDict  # noqa: PLC0415

        self.host_url = "https://api.twilio.com"
        self.path = path
        self.method = method.lower()
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(query),
            header=Headers(list(headers.items())),
            cookie=ImmutableMultiDict(),
        )
        self.body = body
        self.content_type = content_type

    @property
    def full_url_pattern(self):
        return self.host_url + self.path


class TwilioServer(ThreadingHTTPServer):
    daemon_threads = True
    # sockets of answers the client gave up on are closed at once
    block_on_close = False

    def __init__(self, validate=True, delay=0.0):
        super().__init__(("127.0.0.1", 0), TwilioHandler)
        self.validate = validate
        self.delay = delay
        self.credentials = {}  # account SID -> {(user, password)}
        self.messages = []
        self.requests = []
        self.violations = []
        self.script = []
        # how long a "timeout" answer waits: longer than the client's timeout
        self.script_delay = 3.0
        self.late_answers = 0
        self.lock = threading.Lock()
        self.thread = None

    # set-up
    def start(self):
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self):
        self.shutdown()
        self.server_close()

    @property
    def url(self):
        host, port = self.server_address
        return f"http://{host}:{port}/2010-04-01"

    def add_account(self, account_sid, auth_token, api_key=None):
        pairs = self.credentials.setdefault(account_sid, set())
        pairs.add((account_sid, auth_token))
        if api_key:
            pairs.add(api_key)

    def reset(self):
        with self.lock:
            self.messages.clear()
            self.requests.clear()
            self.violations.clear()
            self.script.clear()

    def posts(self):
        return [r for r in self.requests if r["method"] == "POST"]

    def received(self, account_sid=None):
        """The messages stored, per account when given."""
        return [
            m
            for m in self.messages
            if not account_sid or m["account_sid"] == account_sid
        ]

    # messages
    def store(self, account_sid, form, sent=True):
        now = datetime.now(timezone.utc).replace(microsecond=0)
        message = {
            "account_sid": account_sid,
            "api_version": "2010-04-01",
            "sid": new_sid(),
            "to": form.get("To"),
            "from": form.get("From") or "+15005550006",
            "messaging_service_sid": form.get("MessagingServiceSid"),
            "body": form.get("Body"),
            "status": "sent" if sent else "queued",
            "direction": "outbound-api",
            "date_created": format_datetime(now),
            "date_updated": format_datetime(now),
            "date_sent": format_datetime(now) if sent else None,
            "num_segments": "1",
            "num_media": "0",
            "error_code": None,
            "error_message": None,
            "price": None,
            "price_unit": None,
            "uri": f"/2010-04-01/Accounts/{account_sid}/Messages/x.json",
            "subresource_uris": {},
            "_created": now,
        }
        message["uri"] = message["uri"].replace("x.json", message["sid"] + ".json")
        with self.lock:
            self.messages.append(message)
        return message

    def listing(self, account_sid, query):
        def when(text):
            return datetime.fromisoformat(text.replace("Z", "+00:00"))

        selected = []
        for message in self.received(account_sid):
            if "To" in query and message["to"] != query["To"]:
                continue
            if "From" in query and message["from"] != query["From"]:
                continue
            dated = {k: v for k, v in query.items() if k.startswith("DateSent")}
            if dated and not message["date_sent"]:
                continue
            sent = message["_created"]
            if "DateSent>" in query and sent < when(query["DateSent>"]):
                continue
            if "DateSent<" in query and sent > when(query["DateSent<"]):
                continue
            selected.append(public(message))
        selected.reverse()
        size = int(query.get("PageSize", 50))
        return {"messages": selected[:size], "page": 0, "page_size": size, "start": 0}


def public(message):
    return {k: v for k, v in message.items() if not k.startswith("_")}


class TwilioHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as Twilio

    def log_message(self, *args):
        pass

    # answers
    def _json(self, status, payload, extra_headers=()):
        body = json.dumps(payload).encode()
        self._raw(status, body, "application/json", extra_headers)

    def _raw(self, status, body, content_type="application/json", extra_headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra_headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _error(self, status, code, message):
        self._json(status, {"code": code, "message": message, "status": status})

    # requests
    def _read(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        parts = urlsplit(self.path)
        query = parse_qsl(parts.query, keep_blank_values=True)
        form = dict(parse_qsl(body.decode(), keep_blank_values=True)) if body else {}
        return parts.path, query, body, form

    def _account(self, path):
        """The account SID of the path, or None."""
        if not path.startswith("/2010-04-01/Accounts/") or not path.endswith(
            MESSAGES_SUFFIX
        ):
            return None
        return path[len("/2010-04-01/Accounts/") : -len(MESSAGES_SUFFIX)]

    def _check_contract(self, path, query, body, form):
        server = self.server
        problems = []
        if server.validate:
            request = _OpenAPIRequest(
                self.command,
                path,
                query,
                self.headers,
                body,
                self.headers.get("Content-Type", "").split(";")[0] or None,
            )
            try:
                openapi().validate_request(request)
            except Exception as error:  # pylint: disable=broad-except
                problems.append(f"{type(error).__name__}: {error}")
        if self.command == "POST" and not (
            form.get("From") or form.get("MessagingServiceSid")
        ):
            problems.append("x-twilio conditional: From or MessagingServiceSid")
        if self.headers.get("Idempotency-Key"):
            problems.append("Idempotency-Key is not part of Twilio's API")
        return problems

    def _authenticated(self, account):
        header = self.headers.get("Authorization", "")
        if not header.startswith("Basic "):
            return False
        try:
            user, _sep, password = base64.b64decode(header[6:]).decode().partition(":")
        except ValueError:
            return False
        return (user, password) in self.server.credentials.get(account, set())

    def _handle(self):
        server = self.server
        path, query, body, form = self._read()
        record = {
            "method": self.command,
            "path": path,
            "query": dict(query),
            "form": form,
            "headers": dict(self.headers.items()),
        }
        with server.lock:
            server.requests.append(record)
        problems = self._check_contract(path, query, body, form)
        if problems:
            with server.lock:
                server.violations.append((record, problems))
            return self._error(400, 21601, "Request does not conform: " + problems[0])
        account = self._account(path)
        if account is None:
            return self._error(
                404, 20404, f"The requested resource {path} was not found"
            )
        if not self._authenticated(account):
            return self._error(401, 20003, "Authenticate")
        if server.delay:
            time.sleep(server.delay)
        if self.command == "GET":
            return self._json(200, server.listing(account, dict(query)))
        with server.lock:
            step = server.script.pop(0) if server.script else "ok"
        return self._post(step, account, path, form)

    def _post(self, step, account, path, form):
        answers = {
            "garbage": lambda: self._raw(201, b"<html>Created</html>", "text/html"),
            "list": lambda: self._json(201, []),
            "string": lambda: self._json(201, "ok"),
            "nosid": lambda: self._json(201, {"status": "queued"}),
            "redirect": lambda: self._raw(
                302, b"", extra_headers=[("Location", "https://example.com/")]
            ),
            "error500": lambda: self._error(500, 20500, "Internal Server Error"),
            "busy": lambda: self._error(429, 20429, "Too Many Requests"),
            "reject": lambda: self._error(
                400,
                21211,
                f"The 'To' number {form.get('To')} is not a valid phone number.",
            ),
            "auth": lambda: self._error(401, 20003, "Authenticate"),
            "not_found": lambda: self._error(
                404, 20404, f"The requested resource {path} was not found"
            ),
            "refuse": self._close,
        }
        if step in answers:
            return answers[step]()
        message = self.server.store(account, form, sent=step != "queued")
        if step == "drop":
            return self._close()
        if step == "timeout":
            time.sleep(float(self.server.script_delay))
        if step == "truncated":
            return self._truncated()
        try:
            self._json(201, dict(public(message), status="queued"))
        except OSError:
            # the client gave up waiting: the message stays stored
            self.server.late_answers += 1

    def _close(self):
        self.close_connection = True
        self.connection.shutdown(socket.SHUT_RDWR)

    def _truncated(self):
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.wfile.write(b"40\r\n" + b'{"sid": "SM' + b"0" * 20)
        self._close()

    do_GET = _handle
    do_POST = _handle
