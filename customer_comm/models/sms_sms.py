# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""SMS through the company's own gateway (Twilio's Messages API) instead of
Odoo IAP, exactly once.

Odoo's ``sms.sms`` stays the queue. Only the queue runner (a cron) talks to
the gateway, one SMS at a time, each in its own transactions:

1. lock the row (``FOR UPDATE SKIP LOCKED``: several cron workers never take
   the same SMS), mark it ``sending`` with the attempt time, COMMIT;
2. POST it;
3. write the outcome (accepted with the gateway's id, to retry later, failed,
   or in doubt), COMMIT.

A crash between 1 and 3 leaves the SMS ``sending``: before sending anything,
the runner looks those up at the gateway (after a grace period longer than
any request) and marks them accepted when found, or puts them back in the
queue when absent. So a customer never gets the same SMS twice, and none is
lost. A cron run stops taking SMS within the server's time limit on crons
and triggers the cron again for the rest. A user's action never talks to the
gateway: it queues the SMS and triggers the runner (a POST inside the user's
transaction could be repeated when Odoo retries the transaction, or survive
its rollback).
"""

import logging
import threading
import time
from datetime import timedelta
from email.utils import parsedate_to_datetime

from psycopg2 import errors as pg_errors

from odoo import api, fields, models
from odoo.tools import SQL, config, mute_logger

from ..tools import sms_gateway
from ..tools.sms_gateway import IN_DOUBT, OK, RETRY

_logger = logging.getLogger(__name__)

# minutes before each new attempt after a RETRY outcome; then it stays failed
RETRY_DELAYS = (1, 5, 15, 60)
# seconds a "sending" SMS is left alone before it is looked up at the gateway:
# longer than the longest request (30 s) and the gateway's own bookkeeping
GRACE_SECONDS = 120
# an SMS that cannot be looked up for that long is left failed, not resent
GIVE_UP_AFTER = timedelta(hours=24)
# clock difference tolerated between Odoo and the gateway
CLOCK_MARGIN = timedelta(minutes=2)
# seconds a cron run of the queue lasts at most when the server sets no time
# limit on crons; with a limit, half of it (a killed cron worker would leave
# its SMS to the reconciliation and the cron counted as failing)
RUN_SECONDS = 300


class SmsSms(models.Model):
    _inherit = "sms.sms"

    company_id = fields.Many2one(
        comodel_name="res.company",
        compute="_compute_company_id",
        store=True,
        readonly=True,
        help="The company whose SMS gateway sends it: the company of the "
        "record it was written on, else of the customer, else of the user "
        "who wrote it.",
    )
    gateway_state = fields.Selection(
        selection=[("sending", "Being sent"), ("accepted", "Taken by the gateway")],
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    gateway_attempt_date = fields.Datetime(readonly=True, copy=False)
    gateway_message_id = fields.Char(
        readonly=True, copy=False, help="The id the gateway gave to this SMS."
    )
    gateway_attempts = fields.Integer(readonly=True, copy=False)
    gateway_next_try = fields.Datetime(readonly=True, copy=False, index=True)
    gateway_error = fields.Char(readonly=True, copy=False)

    @api.depends("mail_message_id", "partner_id", "mailing_id")
    def _compute_company_id(self):
        for sms in self:
            sms.company_id = (
                sms.mail_message_id.record_company_id
                or sms.partner_id.company_id
                or sms.mailing_id.user_id.company_id
                or sms.company_id
                or self.env.company
            )

    # ------------------------------------------------------------------
    # Odoo's sending API
    # ------------------------------------------------------------------
    def _send(self, unlink_failed=False, unlink_sent=True, raise_exception=False):
        """Odoo IAP sends the SMS of companies using it; the others wait for
        the gateway queue runner, triggered now."""
        through_gateway = self.filtered(lambda sms: sms.company_id._sms_gateway())
        if through_gateway:
            self.env.ref("customer_comm.ir_cron_sms_gateway_retry")._trigger()
        others = self - through_gateway
        if others:
            return super(SmsSms, others)._send(
                unlink_failed=unlink_failed,
                unlink_sent=unlink_sent,
                raise_exception=raise_exception,
            )
        return None

    @api.model
    def _process_queue(self, ids=None):
        """Odoo's SMS queue cron sends the gateway's SMS too."""
        self._gateway_run_queue(
            commit=self._gateway_may_commit(), deadline=self._gateway_deadline()
        )
        return super()._process_queue(ids)

    # ------------------------------------------------------------------
    # The gateway queue runner (crons only)
    # ------------------------------------------------------------------
    @api.model
    def _cron_retry_gateway(self):
        """The gateway queue's cron: reconcile, retry, send."""
        return self._gateway_run_queue(
            commit=self._gateway_may_commit(), deadline=self._gateway_deadline()
        )

    @api.model
    def _gateway_deadline(self):
        """When a cron run of the queue stops taking SMS (``time.monotonic``):
        within half of the server's time limit on crons (``--workers`` mode
        kills a cron worker past it), RUN_SECONDS without a limit."""
        limit = config["limit_time_real_cron"]
        if limit is None or limit < 0:
            limit = config["limit_time_real"]
        seconds = limit / 2 if limit and limit > 0 else RUN_SECONDS
        return time.monotonic() + min(seconds, RUN_SECONDS)

    @api.model
    def _gateway_may_commit(self):
        # as Odoo's own queues: never commit a test's transaction
        return not getattr(threading.current_thread(), "testing", False)

    @api.model
    def _gateway_run_queue(self, commit=False, deadline=None):
        """Reconcile the SMS left ``sending``, put back the retries that are
        due, then send the queue one SMS at a time.

        :param bool commit: commit before and after each POST (the cron); a
          test passes a test cursor to check what is committed.
        :param float deadline: ``time.monotonic()`` value after which no
          more SMS is taken: the cron is triggered again to go on.
        :return: the number of SMS posted
        """
        runner = self.sudo()
        runner._gateway_reconcile(commit, deadline)
        runner._gateway_requeue_due(commit)
        posted, last_id, configs = 0, 0, {}
        while not self._gateway_time_is_up(deadline) and (
            sms := runner._gateway_claim_next(last_id, commit)
        ):
            posted += sms._gateway_send_claimed(commit, configs)
            last_id = sms.id
        if self._gateway_time_is_up(deadline):
            # the rest in a fresh run, as soon as a cron worker is free
            self.env.ref("customer_comm.ir_cron_sms_gateway_retry")._trigger()
            self._gateway_commit(commit)
        return posted

    @api.model
    def _gateway_time_is_up(self, deadline):
        return deadline is not None and time.monotonic() >= deadline

    @api.model
    def _gateway_claim_next(self, after_id, commit):
        """Lock the next SMS of the queue (after ``after_id``) that goes
        through a gateway and that no other worker holds; in a fresh
        transaction in commit mode."""
        query = SQL(
            """SELECT sms.id FROM sms_sms sms
                 JOIN res_company company ON company.id = sms.company_id
                WHERE sms.id > %s AND sms.state = 'outgoing'
                  AND sms.gateway_state IS NULL AND sms.to_delete IS NOT TRUE
                  AND company.sms_provider = 'http'
             ORDER BY sms.id LIMIT 1 FOR UPDATE OF sms SKIP LOCKED""",
            after_id,
        )
        for _try in range(5):
            self._gateway_commit(commit)  # a fresh snapshot
            try:
                with mute_logger("odoo.sql_db"):
                    self.env.flush_all()
                    self.env.cr.execute(query)
            except pg_errors.SerializationFailure:
                # another worker took that row after our snapshot began
                if not commit:
                    raise
                self.env.cr.rollback()
                continue
            row = self.env.cr.fetchone()
            return self.browse(row[0]) if row else self.browse()
        return self.browse()

    def _gateway_lock(self, condition):
        """Lock this SMS if no other worker holds it and ``condition`` (SQL)
        still holds."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM sms_sms WHERE id = %s AND %s FOR UPDATE SKIP LOCKED",
                self.id,
                condition,
            )
        )
        return bool(self.env.cr.fetchone())

    def _gateway_commit(self, commit):
        """The queue runner's commits (crons only, as Odoo's own
        ``sms.sms._process_queue``): each SMS's outcome must survive whatever
        happens to the next one."""
        if commit:
            self.env.cr.commit()  # pylint: disable=invalid-commit

    def _gateway_send_claimed(self, commit, configs=None):
        """The exactly-once step for this locked SMS; 1 when it was posted.
        ``configs``: the companies' gateways read so far in this run."""
        self.ensure_one()
        configs = {} if configs is None else configs
        if self.gateway_message_id:
            # taken by the gateway before (put back in the queue by hand):
            # never posted twice
            self._gateway_accepted(self.gateway_message_id, "queued")
            self._gateway_commit(commit)
            return 0
        company = self.company_id
        if company.id not in configs:
            configs[company.id] = company._sms_gateway()
        config = configs[company.id]
        self.write(
            {
                "gateway_state": "sending",
                "gateway_attempt_date": fields.Datetime.now(),
                "gateway_attempts": self.gateway_attempts + 1,
            }
        )
        self._gateway_commit(commit)
        result = sms_gateway.send_message(
            config, self.number, self.body, self._gateway_status_callback_url()
        )
        _logger.info("SMS %s via the gateway: %s", self.id, result.outcome)
        self._gateway_write_outcome(result, commit)
        return 1

    def _gateway_write_outcome(self, result, commit):
        """Write ``result`` and commit; a concurrent status callback on the
        same tracker makes the transaction retry (left ``sending`` after
        three tries: the reconciliation will find it)."""
        for _try in range(3):
            try:
                with mute_logger("odoo.sql_db"):
                    self._gateway_apply_result(result)
                    self._gateway_commit(commit)
                return
            except pg_errors.SerializationFailure:
                if not commit:
                    raise
                self.env.cr.rollback()
        _logger.info("SMS %s: outcome left to the reconciliation", self.id)

    def _gateway_apply_result(self, result):
        if result.outcome == OK:
            self._gateway_accepted(result.message_id, result.status)
        elif result.outcome == IN_DOUBT:
            self._gateway_in_doubt(self.env._(result.reason))
        else:
            self._gateway_failed(result)

    def _gateway_accepted(self, message_id, status):
        self.write(
            {
                "state": "process",
                "failure_type": False,
                "gateway_state": "accepted",
                "gateway_message_id": message_id,
                "gateway_error": False,
                "gateway_next_try": False,
                "to_delete": True,
            }
        )
        tracker = self.sms_tracker_id
        if tracker:
            tracker._gateway_apply_status(message_id, status)

    def _gateway_in_doubt(self, reason):
        """The gateway may have taken it: it stays ``sending`` until the
        reconciliation finds it or not. The SMS shows the reason; the
        customer's notification stays "processing" (not a failure that would
        invite someone to send it again by hand)."""
        self.write(
            {
                "state": "error",
                "failure_type": "sms_server",
                "gateway_error": reason,
                "gateway_next_try": False,
            }
        )
        self.sms_tracker_id._action_update_from_sms_state("process")

    def _gateway_failed(self, result):
        reason = self.env._(result.reason)
        retry = result.outcome == RETRY and self.gateway_attempts <= len(RETRY_DELAYS)
        next_try = False
        if retry:
            next_try = fields.Datetime.now() + timedelta(
                minutes=RETRY_DELAYS[self.gateway_attempts - 1]
            )
            reason = self.env._(
                "%(reason)s It will be tried again automatically.", reason=reason
            )
        failure_type = result.failure_type or "unknown"
        self.write(
            {
                "state": "error",
                "failure_type": failure_type,
                "gateway_state": False,
                "gateway_error": reason,
                "gateway_next_try": next_try,
            }
        )
        self.sms_tracker_id._action_update_from_sms_state(
            "error", failure_type=failure_type, failure_reason=reason
        )
        if next_try:
            self.env.ref("customer_comm.ir_cron_sms_gateway_retry")._trigger(next_try)

    def _gateway_status_callback_url(self):
        return (
            f"{self.get_base_url()}/customer_comm/sms/twilio/status/"
            f"{self.company_id.id}?sms={self.uuid}"
        )

    @api.model
    def _gateway_requeue_due(self, commit):
        """Put back in the queue the SMS whose next try has come."""
        due = self.search(
            [
                ("state", "=", "error"),
                ("gateway_state", "=", False),
                ("gateway_next_try", "!=", False),
                ("gateway_next_try", "<=", fields.Datetime.now()),
                ("to_delete", "=", False),
            ]
        )
        for sms in due:
            sms._gateway_back_to_queue()
        self._gateway_commit(commit)

    def _gateway_back_to_queue(self):
        self.write({"state": "outgoing", "gateway_next_try": False})
        self.sms_tracker_id._action_update_from_sms_state("outgoing")

    # ------------------------------------------------------------------
    # Reconciliation of the SMS left "sending"
    # ------------------------------------------------------------------
    @api.model
    def _gateway_grace(self):
        return timedelta(
            seconds=int(
                self.env["ir.config_parameter"]
                .sudo()
                .get_param("customer_comm.sms_gateway_grace", GRACE_SECONDS)
            )
        )

    @api.model
    def _gateway_reconcile(self, commit, deadline=None):
        """Look up at the gateway each SMS left ``sending`` for longer than
        the grace period: found, it is accepted with the gateway's id; not
        found, it goes back to the queue (this same run sends it)."""
        limit = fields.Datetime.now() - self._gateway_grace()
        stale = self.search(
            [
                ("gateway_state", "=", "sending"),
                ("gateway_attempt_date", "<", limit),
                ("to_delete", "=", False),
            ],
            order="id",
        )
        for sms in stale:
            if self._gateway_time_is_up(deadline):
                break
            self._gateway_commit(commit)
            try:
                with mute_logger("odoo.sql_db"):
                    locked = sms._gateway_lock(SQL("gateway_state = 'sending'"))
            except pg_errors.SerializationFailure:
                if not commit:
                    raise
                self.env.cr.rollback()
                locked = False  # another worker reconciles it
            if locked:
                sms.invalidate_recordset()
                sms._gateway_reconcile_one()
            self._gateway_commit(commit)

    def _gateway_reconcile_one(self):
        tracker = self.sms_tracker_id
        if tracker.gateway_message_id:
            # a status callback already told us its id
            self._gateway_accepted(
                tracker.gateway_message_id, tracker.gateway_status or "queued"
            )
            return
        config = self.company_id._sms_gateway()
        found = self._gateway_find(config) if config else None
        if found is None:
            if fields.Datetime.now() - self.gateway_attempt_date > GIVE_UP_AFTER:
                self._gateway_give_up()
            return
        if found:
            _logger.info("SMS %s found at the gateway", self.id)
            self._gateway_accepted(found["sid"], str(found.get("status") or "queued"))
            return
        _logger.info("SMS %s not found at the gateway: queued again", self.id)
        if self.gateway_attempts > len(RETRY_DELAYS):
            self._gateway_give_up()
            return
        self.write({"gateway_state": False, "failure_type": False})
        self._gateway_back_to_queue()

    def _gateway_find(self, config):
        """This SMS's message at the gateway: its dict, ``{}`` when the
        gateway has none, None when the gateway could not be asked. Messages
        already sent are listed in the ``DateSent`` window; those still in the
        gateway's own queue have no sending date yet and are looked for among
        the latest messages to the number."""
        start = self.gateway_attempt_date - CLOCK_MARGIN
        lookups = (
            {"sent_after": start, "sent_before": fields.Datetime.now() + CLOCK_MARGIN},
            {},
        )
        for window in lookups:
            result = sms_gateway.list_messages(config, self.number, **window)
            if result.outcome != OK:
                self.gateway_error = self.env._(
                    "It could not be checked with the gateway yet: %(reason)s",
                    reason=self.env._(result.reason),
                )
                return None
            found = self._gateway_match(config, result.messages, start)
            if found:
                return found
        return {}

    def _gateway_match(self, config, messages, start):
        """The earliest of ``messages`` that is this SMS: same number, text
        and sender, created since the attempt, and not known as another SMS."""
        mine = [
            message
            for message in messages
            if isinstance(message.get("sid"), str)
            and message.get("to") == self.number
            and self._same_text(message.get("body") or "")
            and (config.service_sid or message.get("from") == config.sender)
            and str(message.get("direction") or "outbound").startswith("outbound")
            and (self._created(message) or start) >= start
        ]
        known = set(
            self.env["sms.tracker"]
            .search([("gateway_message_id", "in", [m["sid"] for m in mine])])
            .mapped("gateway_message_id")
        )
        mine = [message for message in mine if message["sid"] not in known]
        return min(mine, key=lambda m: self._created(m) or start, default={})

    def _same_text(self, body):
        # a trial account prefixes the text it sends
        return body == self.body or body.endswith(self.body or "")

    @staticmethod
    def _created(message):
        """The gateway's creation date of ``message`` (naive UTC) or None."""
        try:
            date = parsedate_to_datetime(message.get("date_created") or "")
        except (TypeError, ValueError):
            return None
        return date.replace(tzinfo=None) - (date.utcoffset() or timedelta())

    def _gateway_give_up(self):
        """Not found and not findable for too long: left failed, never sent
        again by itself (a person may resend it)."""
        reason = self.env._(
            "It could not be confirmed with the gateway whether this SMS was "
            "sent: it is not sent again automatically."
        )
        self.write(
            {
                "state": "error",
                "failure_type": "sms_server",
                "gateway_state": False,
                "gateway_error": reason,
            }
        )
        self.sms_tracker_id._action_update_from_sms_state(
            "error", failure_type="sms_server", failure_reason=reason
        )
