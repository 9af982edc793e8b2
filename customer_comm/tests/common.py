# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import contextlib

from odoo.tests import new_test_user
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .twilio_server import TwilioServer, openapi


class CustomerCommCase:
    """Users of each group of the addon, and the two countries it is sold in."""

    @classmethod
    def _setup_comm_users(cls):
        cls.comm_user = new_test_user(
            cls.env,
            login="comm_user",
            groups="customer_comm.group_customer_comm_user",
        )
        cls.comm_manager = new_test_user(
            cls.env,
            login="comm_manager",
            groups="customer_comm.group_customer_comm_manager",
        )
        cls.italy = cls.env.ref("base.it")
        cls.france = cls.env.ref("base.fr")

    @contextlib.contextmanager
    def assertRaisesRolledBack(self, exception, regex):
        """``assertRaisesRegex`` that also rolls the failed operation back
        (Odoo only does it for ``assertRaises``)."""
        with self.assertRaisesRegex(exception, regex), self.env.cr.savepoint():
            yield


class GatewayCase:
    """Twilio's Messages API on 127.0.0.1 (``twilio_server.TwilioServer``,
    checking each request against Twilio's OpenAPI description) as the SMS
    gateway of the test's company."""

    ACCOUNT = "AC" + "5e" * 16
    TOKEN = "tok3n-of-the-test-account"
    SENDER = "+390511234567"

    @classmethod
    def _start_gateway(cls, company=None, account=None, token=None, **settings):
        """A gateway for ``company`` (the test's company by default), with
        its own account; returns the server."""
        openapi()  # loaded before the first request, not during it
        server = TwilioServer().start()
        cls.addClassCleanup(server.stop)
        account, token = account or cls.ACCOUNT, token or cls.TOKEN
        server.add_account(account, token)
        (company or cls.env.company).sudo().write(
            {
                "sms_provider": "http",
                "sms_gateway_url": server.url,
                "sms_gateway_account": account,
                "sms_gateway_token": token,
                "sms_gateway_sender": cls.SENDER,
                "sms_gateway_timeout": 2,
                **settings,
            }
        )
        if company is None:
            cls.gateway = server
        return server

    def _run_queue(self, env=None):
        """What the cron does (without its commits): send the queue."""
        return (env or self.env)["sms.sms"].sudo()._gateway_run_queue()

    def assertContractKept(self, server=None):
        server = server or self.gateway
        self.assertFalse(server.violations, "a request broke Twilio's contract")


class RpcCase:
    """JSON-RPC calls of the web client (``/web/dataset/call_kw``) in an
    ``HttpCase``, as a logged-in user whose password is ``<login>_pw``."""

    def rpc(self, login, model, method, *args, **kwargs):
        self.authenticate(login, f"{login}_pw")
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def assertRpcRefused(self, login, model, method, *args, **kwargs):
        """The call is refused with an access error."""
        with (
            mute_logger("odoo.http"),
            self.assertRaises(JsonRpcException) as caught,
        ):
            self.rpc(login, model, method, *args, **kwargs)
        self.assertEqual(str(caught.exception), "odoo.exceptions.AccessError")
