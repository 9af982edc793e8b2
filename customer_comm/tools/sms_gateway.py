# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A client for SMS gateways with a Twilio-style REST API.

``POST {url}/Accounts/{account}/Messages.json`` with HTTP basic auth
(account, token) and the form fields ``To``, ``From`` and ``Body``; a 2xx
answer carries the gateway's message id (``sid``). Every attempt of the same
SMS carries the same ``Idempotency-Key`` header, so a gateway that honours it
never delivers a retried message twice.
"""

from dataclasses import dataclass

import requests

# what the caller does with an answer: sent, or failed (then retried or not)
SENT = "sent"
RETRY = "retry"
FAILED = "failed"


@dataclass
class GatewayResult:
    outcome: str
    failure_type: str = ""
    reason: str = ""
    message_id: str = ""


def _error_message(response):
    try:
        payload = response.json()
    except ValueError:
        return response.text[:200]
    return str(payload.get("message") or payload.get("error") or payload)[:200]


def _failure_type(status, code):
    if status in (401, 403):
        return "sms_acc"
    if status == 402 or code in (20003, 30003):
        return "sms_credit"
    if code in (21211, 21614) or status == 422:
        return "sms_number_format"
    return "unknown"


def send_sms(config, number, body, key):
    """Send one SMS; ``config`` has url, account, token, sender, timeout."""
    url = f"{config['url'].rstrip('/')}/Accounts/{config['account']}/Messages.json"
    try:
        response = requests.post(
            url,
            data={"To": number, "From": config["sender"], "Body": body},
            auth=(config["account"], config["token"]),
            headers={"Idempotency-Key": key},
            timeout=config["timeout"],
        )
    except requests.Timeout:
        return GatewayResult(RETRY, "sms_server", "timeout")
    except requests.ConnectionError as error:
        return GatewayResult(RETRY, "sms_server", f"connection: {error}"[:200])
    if 200 <= response.status_code < 300:
        try:
            message_id = str(response.json().get("sid") or "")
        except ValueError:
            message_id = ""
        return GatewayResult(SENT, message_id=message_id or key)
    reason = f"HTTP {response.status_code}: {_error_message(response)}"
    if response.status_code >= 500 or response.status_code == 429:
        return GatewayResult(RETRY, "sms_server", reason)
    try:
        code = int(response.json().get("code") or 0)
    except (ValueError, TypeError, AttributeError):
        code = 0
    return GatewayResult(FAILED, _failure_type(response.status_code, code), reason)
