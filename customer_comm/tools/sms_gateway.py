# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The client of Twilio's Messages API (REST API 2010-04-01), the only module
that talks to the SMS gateway.

* :func:`send_message`: ``POST {url}/Accounts/{AccountSid}/Messages.json``
  with ``To``, ``From`` or ``MessagingServiceSid``, ``Body`` and
  ``StatusCallback``; HTTP basic auth with the account SID and auth token, or
  an API key SID and secret (the account SID stays in the path);
* :func:`list_messages`: ``GET`` the same URL filtered by ``To`` (and
  ``From``) and a ``DateSent>``/``DateSent<`` window, to find out whether a
  message whose answer was lost was taken;
* :func:`parse_callback`: the fields of a status callback or an incoming
  message posted by Twilio;
* :func:`check_signature`: Twilio's ``X-Twilio-Signature`` (HMAC-SHA1 of the
  full URL and the sorted POST parameters, keyed with the auth token).

Whatever happens (an answer that is not a JSON object, a redirect, an HTTP
error, a truncated body, an invalid URL, a DNS, connection or TLS error, a
timeout), the functions return a :class:`GatewayResult` with an outcome and a
plain reason, and never raise. The reasons never contain the account SID, the
token, the API key or the account's URL path. An outcome says what the caller
may do next:

* ``OK``: the gateway took the message (or answered the lookup);
* ``RETRY``: the message was certainly not taken, trying later may work;
* ``FAILED``: it was certainly not taken, trying again will not help;
* ``IN_DOUBT``: the request may have reached the gateway (timeout while
  waiting for the answer, connection lost, unreadable 2xx answer, server
  error): the caller looks the message up before any new attempt.
"""

import base64
import hashlib
import hmac
import ipaddress
import json
import logging
import re
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

import requests
from urllib3.exceptions import NewConnectionError

from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

OK = "ok"
RETRY = "retry"
FAILED = "failed"
IN_DOUBT = "in_doubt"

MIN_TIMEOUT, MAX_TIMEOUT = 1, 30
# an answer larger than this is not a Messages API answer
MAX_ANSWER_BYTES = 1024 * 1024
LOOPBACK_NAMES = ("localhost", "localhost.localdomain")

# Twilio error codes (https://www.twilio.com/docs/api/errors) -> Odoo's
# sms.sms failure types, for a message refused when it is created
CREATE_FAILURES = {
    20003: "sms_acc",
    20005: "sms_acc",
    21211: "sms_number_format",
    21214: "sms_number_format",
    21408: "sms_country_not_supported",
    21612: "sms_country_not_supported",
    21614: "sms_number_format",
    30002: "sms_acc",
    30032: "sms_registration_needed",
    30034: "sms_registration_needed",
}
# ... and -> mail.notification failure types, for a message that was not
# delivered (``undelivered`` / ``failed`` status); those of BOUNCES bounce
DELIVERY_FAILURES = {
    21610: "sms_not_allowed",
    30003: "sms_invalid_destination",
    30004: "sms_rejected",
    30005: "sms_invalid_destination",
    30006: "sms_invalid_destination",
    30007: "sms_rejected",
    30008: "sms_not_delivered",
    30001: "sms_expired",
}
BOUNCES = {"sms_invalid_destination", "sms_not_allowed", "sms_rejected"}

_RE_ACCOUNT_PATH = re.compile(r"(Accounts/)[^/?#\s]+")


@dataclass(frozen=True)
class GatewayConfig:
    """One company's gateway: where and as whom to post."""

    url: str
    account_sid: str
    auth_token: str
    api_key_sid: str = ""
    api_key_secret: str = ""
    sender: str = ""
    service_sid: str = ""
    timeout: int = 10

    @property
    def secrets(self):
        return [
            s
            for s in (
                self.account_sid,
                self.auth_token,
                self.api_key_sid,
                self.api_key_secret,
            )
            if s
        ]

    @property
    def messages_url(self):
        return f"{self.url.rstrip('/')}/Accounts/{self.account_sid}/Messages.json"

    @property
    def auth(self):
        if self.api_key_sid:
            return (self.api_key_sid, self.api_key_secret)
        return (self.account_sid, self.auth_token)


@dataclass
class GatewayResult:
    """What came of one request. ``reason`` is a lazy translation (render
    it with ``env._(result.reason)``), empty when all went well."""

    outcome: str
    reason: object = ""
    failure_type: str = ""
    status_code: int = 0
    message_id: str = ""
    status: str = ""
    messages: list = field(default_factory=list)


@dataclass(frozen=True)
class Callback:
    """A status callback or an incoming message, as Twilio posts them."""

    account_sid: str
    message_id: str
    status: str
    error_code: int
    number_from: str
    number_to: str
    body: str


# ------------------------------------------------------------------ URLs
def is_loopback(host):
    host = (host or "").strip("[]").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def url_problem(url):
    """Why ``url`` cannot be a gateway URL (a lazy translation), or ``""``:
    an absolute https URL (http only to this machine), without credentials,
    query or fragment."""
    try:
        parts = urlsplit((url or "").strip())
        port = parts.port  # raises ValueError on a bad port
    except ValueError:
        return _lt("The gateway URL is not a valid URL.")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return _lt(
            "The gateway URL must be a full address starting with https://, "
            "for example https://api.twilio.com/2010-04-01."
        )
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        return _lt(
            "The gateway URL must use https: only a gateway on this machine "
            "may be reached with http."
        )
    if parts.username or parts.password or parts.query or parts.fragment:
        return _lt(
            "The gateway URL must not contain a user name, a password, a "
            "query or a fragment: the account goes in its own fields."
        )
    if port == 0:
        return _lt("The gateway URL is not a valid URL.")
    return ""


def timeout_problem(timeout):
    if not MIN_TIMEOUT <= (timeout or 0) <= MAX_TIMEOUT:
        return _lt(
            "The gateway timeout must be between %(min)s and %(max)s seconds.",
            min=MIN_TIMEOUT,
            max=MAX_TIMEOUT,
        )
    return ""


def redact(text, secrets):
    """``text`` without the account's path segment and the given secrets."""
    text = _RE_ACCOUNT_PATH.sub(r"\1…", str(text or ""))
    for secret in secrets:
        if secret:
            text = text.replace(secret, "…")
    return text


class _RedactAccountPath(logging.Filter):
    """urllib3 logs each request line at DEBUG level: the account SID is in
    the path of every Messages URL, so it is masked there too."""

    def filter(self, record):
        if "Accounts/" in str(record.msg) or any(
            "Accounts/" in str(arg) for arg in record.args or ()
        ):
            record.msg = redact(record.getMessage(), ())
            record.args = ()
        return True


logging.getLogger("urllib3.connectionpool").addFilter(_RedactAccountPath())


# -------------------------------------------------------------- transport
_local = threading.local()


def _session():
    """One keep-alive session per thread (a cron worker, a benchmark thread)."""
    session = getattr(_local, "session", None)
    if session is None:
        session = _local.session = requests.Session()
        session.headers.update(
            {"Accept": "application/json", "User-Agent": "odoo-customer-comm"}
        )
    return session


def _read_body(response, deadline):
    """The answer's bytes, read until ``deadline`` and at most
    MAX_ANSWER_BYTES; raises ValueError when it is cut or too long."""
    chunks, size = [], 0
    for chunk in response.iter_content(chunk_size=16384):
        size += len(chunk)
        if size > MAX_ANSWER_BYTES:
            raise ValueError("answer too large")
        if time.monotonic() > deadline:
            raise ValueError("answer too slow")
        chunks.append(chunk)
    return b"".join(chunks)


def _request(config, method, **kwargs):
    """(status, JSON payload or None, error result or None) of one request
    to the Messages URL; the request is never followed through a redirect."""
    problem = url_problem(config.url) or timeout_problem(config.timeout)
    if problem:
        return 0, None, GatewayResult(FAILED, problem, "sms_server")
    if not (config.account_sid and config.auth[0] and config.auth[1]):
        return (
            0,
            None,
            GatewayResult(
                FAILED,
                _lt("The gateway account or its token is missing in the settings."),
                "sms_acc",
            ),
        )
    deadline = time.monotonic() + config.timeout
    try:
        response = _session().request(
            method,
            config.messages_url,
            auth=config.auth,
            timeout=(config.timeout, config.timeout),
            allow_redirects=False,
            stream=True,
            **kwargs,
        )
    except requests.exceptions.ConnectTimeout:
        return 0, None, _unreached(_lt("The gateway did not accept the connection."))
    except requests.exceptions.SSLError:
        return (
            0,
            None,
            _unreached(_lt("The secure connection to the gateway failed.")),
        )
    except requests.exceptions.ReadTimeout:
        return 0, None, _in_doubt(_lt("The gateway did not answer in time."))
    except requests.exceptions.ConnectionError as error:
        if _never_connected(error):
            return (
                0,
                None,
                _unreached(_lt("The gateway could not be reached.")),
            )
        return 0, None, _in_doubt(_lt("The connection to the gateway was lost."))
    except (requests.exceptions.InvalidURL, ValueError):
        return 0, None, GatewayResult(FAILED, url_problem("-"), "sms_server")
    except Exception:  # pylint: disable=broad-except
        # anything else (a bug in a library, an encoding error...) must not
        # reach the user's action nor the queue; the request may have left
        return 0, None, _in_doubt(_lt("The request to the gateway failed."))
    with response:
        status = response.status_code
        try:
            body = _read_body(response, deadline)
        except (requests.exceptions.RequestException, ValueError, OSError):
            # cut, too long or too slow: the status alone says what happened
            return status, None, None
    try:
        payload = json.loads(body) if body else None
    except ValueError:  # not JSON (UnicodeDecodeError is a ValueError too)
        payload = None
    return status, payload, None


def _never_connected(error):
    """A connection error raised before anything was sent (DNS failure,
    connection refused)."""
    reason = error.args[0] if error.args else None
    reason = getattr(reason, "reason", reason)
    return isinstance(reason, NewConnectionError)


def _unreached(reason):
    return GatewayResult(RETRY, reason, "sms_server")


def _in_doubt(reason):
    return GatewayResult(IN_DOUBT, reason, "sms_server")


def _error_text(payload, secrets):
    if isinstance(payload, dict):
        text = payload.get("message") or payload.get("error") or ""
        return redact(text, secrets)[:200]
    return ""


def _error_code(payload):
    if isinstance(payload, dict):
        try:
            return int(payload.get("code") or 0)
        except (TypeError, ValueError):
            return 0
    return 0


def _http_error(config, status, payload):
    """The result of a 3xx/4xx/5xx answer."""
    text = _error_text(payload, config.secrets)
    code = _error_code(payload)
    if 300 <= status < 400:
        return GatewayResult(
            FAILED,
            _lt(
                "The gateway answered with a redirect (HTTP %(status)s), which "
                "is not followed: check the gateway URL.",
                status=status,
            ),
            "sms_server",
            status,
        )
    if status == 429:
        return GatewayResult(
            RETRY,
            _lt("The gateway is busy (HTTP 429): it will be tried again later."),
            "sms_server",
            status,
        )
    if status >= 500 or status < 100:
        return GatewayResult(
            IN_DOUBT,
            _lt("The gateway failed (HTTP %(status)s).", status=status),
            "sms_server",
            status,
        )
    if status in (401, 403):
        failure_type = "sms_acc"
    elif status == 402:
        failure_type = "sms_credit"
    else:
        failure_type = CREATE_FAILURES.get(code, "unknown")
    if text:
        reason = _lt(
            "The gateway refused the message (HTTP %(status)s, error %(code)s): "
            "%(message)s",
            status=status,
            code=code or "-",
            message=text,
        )
    else:
        reason = _lt(
            "The gateway refused the message (HTTP %(status)s).", status=status
        )
    return GatewayResult(FAILED, reason, failure_type, status)


# ------------------------------------------------------------------- API
def send_message(config, number, body, status_callback=""):
    """Post one message; see the module's docstring for the outcomes."""
    data = {"To": number, "Body": body}
    if config.service_sid:
        data["MessagingServiceSid"] = config.service_sid
    else:
        data["From"] = config.sender
    if status_callback:
        data["StatusCallback"] = status_callback
    status, payload, error = _request(config, "POST", data=data)
    if error:
        return error
    if 200 <= status < 300:
        sid = payload.get("sid") if isinstance(payload, dict) else None
        if not (isinstance(sid, str) and sid):
            return GatewayResult(
                IN_DOUBT,
                _lt(
                    "The gateway's answer (HTTP %(status)s) could not be read: "
                    "it is checked with the gateway before any new attempt.",
                    status=status,
                ),
                "sms_server",
                status,
            )
        return GatewayResult(
            OK,
            status_code=status,
            message_id=sid,
            status=str(payload.get("status") or "queued"),
        )
    return _http_error(config, status, payload)


def list_messages(config, number, sent_after=None, sent_before=None, page_size=50):
    """The messages sent to ``number`` (from the configured sender, within
    the ``DateSent`` window when given), newest first, in ``messages``."""
    params = {"To": number, "PageSize": page_size}
    if config.sender and not config.service_sid:
        params["From"] = config.sender
    if sent_after:
        params["DateSent>"] = sent_after.strftime("%Y-%m-%dT%H:%M:%SZ")
    if sent_before:
        params["DateSent<"] = sent_before.strftime("%Y-%m-%dT%H:%M:%SZ")
    status, payload, error = _request(config, "GET", params=params)
    if error:
        # a lookup changes nothing at the gateway: never in doubt
        if error.outcome == IN_DOUBT:
            error.outcome = RETRY
        return error
    if status == 200:
        messages = payload.get("messages") if isinstance(payload, dict) else None
        if isinstance(messages, list) and all(isinstance(m, dict) for m in messages):
            return GatewayResult(OK, status_code=status, messages=messages)
        return GatewayResult(
            RETRY,
            _lt("The gateway's list of messages could not be read."),
            "sms_server",
            status,
        )
    result = _http_error(config, status, payload)
    if result.outcome == IN_DOUBT:
        result.outcome = RETRY
    return result


def parse_callback(form):
    """A :class:`Callback` from the posted form (a mapping), or None when it
    is not one of Twilio's messages callbacks."""

    def value(*names):
        for name in names:
            if form.get(name):
                return str(form.get(name)).strip()
        return ""

    message_id = value("MessageSid", "SmsSid")
    if not re.fullmatch(r"(SM|MM)[0-9a-fA-F]{32}", message_id):
        return None
    try:
        error_code = int(value("ErrorCode") or 0)
    except ValueError:
        error_code = 0
    return Callback(
        account_sid=value("AccountSid"),
        message_id=message_id,
        status=value("MessageStatus", "SmsStatus").lower(),
        error_code=error_code,
        number_from=value("From"),
        number_to=value("To"),
        body=str(form.get("Body") or ""),
    )


def signature_of(auth_token, url, form):
    """Twilio's signature of a request: base64(HMAC-SHA1(token, url + each
    POST parameter's name and value, sorted by name))."""
    payload = url
    for name in sorted(form):
        values = form.getlist(name) if hasattr(form, "getlist") else [form[name]]
        for value in sorted(values):
            payload += name + value
    digest = hmac.new(
        auth_token.encode(), payload.encode("utf-8"), hashlib.sha1
    ).digest()
    return base64.b64encode(digest).decode()


def _url_variants(url):
    """The URL with and without its scheme's default port: Twilio signs the
    URL as it was configured, proxies may add or drop the port."""
    parts = urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    variants = {url}
    if parts.port in (None, default) and default:
        variants.add(urlunsplit(parts._replace(netloc=host)))
        variants.add(urlunsplit(parts._replace(netloc=f"{host}:{default}")))
    return variants


def check_signature(auth_token, urls, form, signature):
    """Whether ``signature`` is Twilio's signature of the request posted to
    one of ``urls`` with ``form``, compared in constant time."""
    if not (auth_token and signature):
        return False
    candidates = {variant for url in urls for variant in _url_variants(url)}
    valid = False
    for url in candidates:
        expected = signature_of(auth_token, url, form)
        valid |= hmac.compare_digest(expected.encode(), signature.encode())
    return valid
