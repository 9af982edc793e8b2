# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import contextlib

from odoo.tests import new_test_user
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger


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
