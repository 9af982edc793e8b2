# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import contextlib

from odoo.tests import new_test_user


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
