# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import io
import json
import struct

from PIL import Image

from odoo.fields import Command
from odoo.tests import new_test_user
from odoo.tools import mute_logger


class RpcCommon:
    """Model methods called through JSON-RPC as a user, for HttpCase tests:
    the path a user without the screens takes."""

    @classmethod
    def _rpc_user(cls, login, groups, **values):
        """A user ``_rpc`` signs in as: its password is its login."""
        return new_test_user(
            cls.env, login=login, password=login, groups=groups, **values
        )

    def _rpc(self, login, model, method, *args, **kwargs):
        """``model.method(*args, **kwargs)`` through /web/dataset/call_kw as
        ``login`` (without a session when ``login`` is None): the result, or
        the name of the exception raised."""
        self.authenticate(login, login)
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "model": model,
                "method": method,
                "args": list(args),
                "kwargs": kwargs,
            },
        }
        with mute_logger("odoo.http"):
            response = self.url_open(
                f"/web/dataset/call_kw/{model}/{method}",
                data=json.dumps(payload),
                headers={"Content-Type": "application/json"},
            ).json()
        if "error" in response:
            return response["error"]["data"]["name"]
        return response["result"]


class FleetOfferCommon:
    """A company customer whose fleet manager approves the interventions
    above 100.00, and an offer sent to one of its drivers: brake pads (40.00,
    below the amount), gearbox (500.00) and an optional clutch (300.00)."""

    @classmethod
    def _setup_fleet_offer(cls, **manager_values):
        Partner = cls.env["res.partner"]
        cls.fleet = Partner.create({"name": "Flotta Srl", "is_company": True})
        cls.manager = Partner.create(
            {
                "name": "Irene Flotta",
                "email": "irene@flotta.example.it",
                "parent_id": cls.fleet.id,
                **manager_values,
            }
        )
        cls.driver = Partner.create(
            {
                "name": "Luca Flotta",
                "email": "luca@flotta.example.it",
                "parent_id": cls.fleet.id,
            }
        )
        cls.fleet.write(
            {"repair_approver_id": cls.manager.id, "repair_approval_amount": 100.0}
        )
        repair = cls.env["repair.order"].create(
            {
                "partner_id": cls.driver.id,
                "product_id": cls.env.ref("product.product_product_3").id,
            }
        )
        cls.offer = cls.env["repair.offer"].create(
            {
                "repair_id": repair.id,
                "line_ids": [
                    Command.create(
                        {"name": name, "price": price, "tax_ids": [], "line_kind": kind}
                    )
                    for name, price, kind in (
                        ("Brake pads", 40.0, "initial"),
                        ("Gearbox", 500.0, "initial"),
                        ("Clutch", 300.0, "optional"),
                    )
                ],
            }
        )
        cls.brakes, cls.gearbox, cls.clutch = cls.offer.line_ids.sorted("id")
        cls.offer.action_send()


class RepairOfferCommon:
    """Offers built from scratch: no demo record is relied upon. The
    conditions of the database are archived and one required condition is
    created, so every test knows exactly what the customer must accept."""

    @classmethod
    def _setup_conditions(cls):
        cls.env["repair.offer.condition"].sudo().search([]).active = False
        cls.condition = (
            cls.env["repair.offer.condition"]
            .sudo()
            .create(
                {
                    "name": "Parts kept 30 days",
                    "text": "Replaced parts are kept for 30 days.",
                    "required": True,
                    "company_id": False,
                }
            )
        )
        cls.optional_condition = (
            cls.env["repair.offer.condition"]
            .sudo()
            .create(
                {
                    "name": "Photos",
                    "text": "We may photograph the repair.",
                    "required": False,
                    "company_id": False,
                }
            )
        )

    @classmethod
    def _add_parts(cls, repair, products, quantity=2.0):
        """Each of ``products`` added to ``repair`` as a part (a line of the
        repair, as the workshop adds it)."""
        return cls.env["stock.move"].create(
            [
                {
                    "repair_id": repair.id,
                    "repair_line_type": "add",
                    "product_id": product.id,
                    "product_uom_qty": quantity,
                    "product_uom": product.uom_id.id,
                }
                for product in products
            ]
        )

    @classmethod
    def _create_offer(cls, partner_name="Anna Galli", note="Your bike is ready.", n=0):
        partner = cls.env["res.partner"].create(
            {"name": partner_name, "email": f"{partner_name.split()[0]}@example.com"}
        )
        repair = cls.env["repair.order"].create(
            {
                "partner_id": partner.id,
                "product_id": cls.env.ref("product.product_product_3").id,
            }
        )
        lines = [
            ("Brake pads", 40.0, "initial"),
            ("New chain", 30.0, "initial"),
            ("Full service", 60.0, "optional"),
        ] + [(f"Extra check {i}", 5.0, "optional") for i in range(n)]
        return cls.env["repair.offer"].create(
            {
                "repair_id": repair.id,
                "note": note,
                "line_ids": [
                    Command.create(
                        {"name": name, "price": price, "line_kind": kind, "tax_ids": []}
                    )
                    for name, price, kind in lines
                ],
            }
        )


class WorkshopItemCommon:
    """A customer's bike as an item: a lot of a serial-tracked product."""

    @classmethod
    def _setup_items(cls):
        env = cls.env(su=True)
        cls.bike = env["product.product"].create(
            {
                "name": "City e-bike",
                "is_storable": True,
                "tracking": "serial",
            }
        )
        cls.owner = env["res.partner"].create(
            {"name": "Marco Rossi", "email": "marco.rossi@example.it"}
        )

    @classmethod
    def _create_item(cls, name, owner=None, **values):
        return cls.env["stock.lot"].create(
            {
                "name": name,
                "product_id": cls.bike.id,
                "owner_id": (owner or cls.owner).id,
                **values,
            }
        )

    @classmethod
    def _create_item_offer(cls, item, lines):
        """An offer for a repair of ``item``: ``lines`` ``[(name, price,
        kind)]``."""
        repair = cls.env["repair.order"].create(
            {
                "partner_id": item.owner_id.id,
                "product_id": item.product_id.id,
                "lot_id": item.id,
            }
        )
        return cls.env["repair.offer"].create(
            {
                "repair_id": repair.id,
                "line_ids": [
                    Command.create(
                        {
                            "name": name,
                            "price": price,
                            "line_kind": kind,
                            "severity": severity,
                            "tax_ids": [],
                        }
                    )
                    for name, price, kind, severity in lines
                ],
            }
        )


GPS_IFD = 0x8825


def gps_jpeg(size=(64, 48), colour=(200, 40, 40)):
    """A small JPEG as a phone takes it: camera make and GPS position in its
    EXIF (small enough for Odoo's image_process to return it unchanged)."""
    image = Image.new("RGB", size, colour)
    exif = Image.Exif()
    exif[0x010F] = "WorkshopPhone"
    exif[GPS_IFD] = {1: "N", 2: (45.0, 27.0, 51.0), 3: "E", 4: (9.0, 11.0, 24.0)}
    output = io.BytesIO()
    image.save(output, format="JPEG", exif=exif.tobytes(), quality=95)
    return output.getvalue()


def image_gps(raw):
    """The GPS tags of an image's EXIF ({} when there is none)."""
    return dict(Image.open(io.BytesIO(raw)).getexif().get_ifd(GPS_IFD))


def _box(kind, payload=b""):
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


LOCATION = b"+45.4642+009.1900/"
MDAT = b"\x00\x01frames of the video\x02" * 4


def mp4_with_location(brand=b"isom"):
    """A crafted MP4 (or QuickTime, brand ``qt  ``) with the place it was shot
    where phones write it: moov/udta/©xyz, moov/meta (Apple's keys),
    moov/trak/udta/loci."""
    movie = _box(
        b"moov",
        _box(b"mvhd", bytes(100))
        + _box(b"udta", _box(b"\xa9xyz", b"\x00\x12\x15\xc7" + LOCATION))
        + _box(b"meta", b"keys com.apple.quicktime.location.ISO6709 " + LOCATION)
        + _box(
            b"trak", _box(b"tkhd", bytes(84)) + _box(b"udta", _box(b"loci", LOCATION))
        ),
    )
    return (
        _box(b"ftyp", brand + b"\x00\x00\x02\x00" + brand) + movie + _box(b"mdat", MDAT)
    )
