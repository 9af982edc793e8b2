# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What an incoming e-mail says about itself: sent by a machine (an
out-of-office reply, a bounce, a mailing list) or by a person, and whether
our receiving mail server authenticated its sender."""

import re

from odoo.tools.mail import email_split

# RFC 3834: anything but "no" is an automatic message
AUTO_SUBMITTED = "Auto-Submitted"
# headers set by auto-responders that ignore RFC 3834 (Exchange, vacation...)
AUTO_REPLY_HEADERS = ("X-Autoreply", "X-Autorespond")
# RFC 2369 / 2919: the message comes from a mailing list
LIST_HEADERS = ("List-Id", "List-Unsubscribe")
BULK_PRECEDENCES = ("bulk", "junk", "list")
# senders that are mail systems, not people
ROBOT_LOCALPARTS = re.compile(
    r"^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|donotreply|bounces?)"
    r"([+.-].*)?$",
    re.IGNORECASE,
)
DMARC_PASS = re.compile(r"\bdmarc=pass\b", re.IGNORECASE)


def automatic_reason(message, email_from):
    """Why ``message`` (an ``email.message.EmailMessage``) was written by a
    machine, or ``None`` when a person wrote it."""
    auto_submitted = (message.get(AUTO_SUBMITTED) or "").strip().lower()
    if auto_submitted and auto_submitted != "no":
        return f"{AUTO_SUBMITTED}: {auto_submitted}"
    for header in AUTO_REPLY_HEADERS:
        if message.get(header) is not None:
            return header
    precedence = (message.get("Precedence") or "").strip().lower()
    if precedence in BULK_PRECEDENCES:
        return f"Precedence: {precedence}"
    for header in LIST_HEADERS:
        if message.get(header) is not None:
            return header
    address = (email_split(email_from or "") or [""])[0]
    localpart = address.rsplit("@", 1)[0]
    if ROBOT_LOCALPARTS.match(localpart):
        return f"sender {address}"
    return None


def sender_authenticated(message):
    """Whether our receiving mail server vouched for the From address: the
    topmost ``Authentication-Results`` header (RFC 8601, added by the server
    that received the message for us) reports ``dmarc=pass``. Headers further
    down were written by other servers, or by the sender, and prove nothing."""
    results = message.get_all("Authentication-Results") or []
    return bool(results) and bool(DMARC_PASS.search(str(results[0])))
