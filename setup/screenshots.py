#!/usr/bin/env python3
# Copyright 2026 Customer Communication Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The README screenshots, taken from the demo database: ``make screenshots``.

Prepares the demo database as ``make run`` does, serves it on a free port,
and drives Debian's headless Chromium through the Chrome DevTools protocol
(``websocket-client``): the request board, the customer card and its composer
as the demo administrator, the repair offer page on a phone as the customer
opens it from the link she received. The PNG files go to the addons'
``static/description/`` folders, made small with pngquant and optipng.
"""

import base64
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import project
import requests
import websocket

DESKTOP = {"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False}
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}
PACKAGES = {"chromium": "chromium", "pngquant": "pngquant", "optipng": "optipng"}
TIMEOUT = 120  # seconds for a screen to be ready (the first one builds assets)


def shot_path(addon, name):
    return project.ROOT / addon / "static" / "description" / name


# ------------------------------------------------------------------- odoo
class OdooServer:
    """Odoo serving the demo database on a free port, until stopped."""

    def __init__(self, db):
        self.db = db
        self.url = f"http://127.0.0.1:{project.free_port()}"
        self.log = project.LOG_DIR / "screenshots-odoo.log"
        port = self.url.rsplit(":", 1)[1]
        cmd = project.odoo_cmd(
            db,
            f"--http-port={port}",
            f"--db-filter=^{db}$",
            "--max-cron-threads=0",
            f"--logfile={self.log}",
        )
        self.proc = subprocess.Popen(cmd)
        self.session = requests.Session()

    def wait_ready(self):
        deadline = time.time() + TIMEOUT
        while time.time() < deadline:
            if self.proc.poll() is not None:
                project.die(f"Odoo stopped (see {self.log})")
            try:  # one request at a time: the first one waits for the registry
                if requests.get(f"{self.url}/web/health", timeout=TIMEOUT).ok:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(1)
        project.die(f"Odoo did not answer on {self.url} (see {self.log})")

    def rpc(self, route, params):
        res = self.session.post(
            f"{self.url}{route}",
            json={"jsonrpc": "2.0", "method": "call", "params": params},
            timeout=TIMEOUT,
        )
        res.raise_for_status()
        answer = res.json()
        if "error" in answer:
            project.die(f"{route}: {answer['error']['data']['message']}")
        return answer["result"]

    def login(self, login="admin", password="admin"):
        params = {"db": self.db, "login": login, "password": password}
        self.rpc("/web/session/authenticate", params)
        return self.session.cookies["session_id"]

    def call(self, model, method, *args):
        params = {"model": model, "method": method, "args": list(args), "kwargs": {}}
        return self.rpc("/web/dataset/call_kw", params)

    def ref(self, xmlid):
        module, name = xmlid.split(".")
        domain = [("module", "=", module), ("name", "=", name)]
        found = self.call("ir.model.data", "search_read", domain, ["res_id"])
        if not found:
            project.die(f"demo record {xmlid} not found")
        return found[0]["res_id"]

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


# ---------------------------------------------------------------- browser
class Browser:
    """Headless Chromium driven by the Chrome DevTools protocol."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="screenshots_chrome_", dir=project.BUILD)
        self.proc = subprocess.Popen(
            [
                shutil.which("chromium"),
                "--headless=new",
                "--no-sandbox",
                "--no-first-run",
                "--disable-gpu",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.ws = websocket.create_connection(self._page_ws_url(), timeout=TIMEOUT)
        self.next_id = 0
        self.send("Page.enable")
        self.send("Network.enable")

    def _page_ws_url(self):
        port_file = Path(self.profile) / "DevToolsActivePort"
        for _attempt in range(100):
            if port_file.exists() and port_file.read_text().strip():
                break
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        targets = requests.get(f"http://127.0.0.1:{port}/json/list", timeout=10)
        page = next(t for t in targets.json() if t["type"] == "page")
        return page["webSocketDebuggerUrl"]

    def send(self, method, **params):
        self.next_id += 1
        self.ws.send(
            json.dumps({"id": self.next_id, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    project.die(f"Chromium: {method}: {message['error']['message']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.send(
            "Runtime.evaluate",
            expression=expression,
            awaitPromise=True,
            returnByValue=True,
        )
        if "exceptionDetails" in result:
            project.die(f"Chromium: {expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def type_into(self, selector, text):
        """Type ``text`` in a field, as a person at the keyboard."""
        self.evaluate(f"document.querySelector({json.dumps(selector)}).focus()")
        self.send("Input.insertText", text=text)

    def viewport(self, metrics):
        self.send("Emulation.setDeviceMetricsOverride", **metrics)

    def open(self, url, ready):
        """Load ``url`` and wait until the JS expression ``ready`` is true."""
        self.send("Page.navigate", url=url)
        self.wait_for(ready)

    def wait_for(self, ready):
        deadline = time.time() + TIMEOUT
        while time.time() < deadline:
            if self.evaluate(f"!!({ready})"):
                # let fonts, images and transitions settle
                self.evaluate("document.fonts.ready.then(() => true)")
                time.sleep(1)
                return
            time.sleep(0.5)
        failed = project.BUILD / "screenshots" / "screenshots-not-ready.png"
        data = self.send("Page.captureScreenshot", format="png")["data"]
        failed.write_bytes(base64.b64decode(data))
        project.die(f"the screen never got ready: {ready} (see {failed})")

    def screenshot(self, path):
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        optimise_png(path)
        project.say(f"{path.relative_to(project.ROOT)}: {path.stat().st_size} bytes")

    def close(self):
        self.ws.close()
        self.proc.terminate()
        self.proc.wait(timeout=30)
        shutil.rmtree(self.profile, ignore_errors=True)


def optimise_png(path):
    """Fewer colours (pngquant, visually lossless on screens), then optipng."""
    subprocess.run(
        ["pngquant", "--force", "--skip-if-larger", "--quality=70-95"]
        + ["--strip", "--output", str(path), str(path)],
        check=False,
    )
    subprocess.run(["optipng", "-quiet", "-o2", "-strip", "all", str(path)], check=True)


# ---------------------------------------------------------------- screens
def offer_page_on_phone(browser, odoo):
    """The repair offer as Giulia opens it from her SMS link, on a phone: the
    welcome note closed, the first intervention accepted."""
    offer_id = odoo.ref("workshop_offer.demo_offer_giulia")
    url = odoo.call("repair.offer", "get_portal_url", [offer_id])
    browser.viewport(PHONE)
    browser.open(odoo.url + url, "document.querySelector('.o_offer_welcome.d-block')")
    browser.evaluate(
        "document.querySelector('.o_offer_welcome_close').click();"
        "document.querySelector('input.o_offer_decision[value=fix]').click();"
    )
    browser.wait_for("document.querySelector('.o_offer_welcome.d-none')")
    browser.screenshot(shot_path("workshop_offer", "offer_page_phone.png"))


def request_board(browser, odoo):
    browser.viewport(DESKTOP)
    browser.open(
        f"{odoo.url}/odoo/action-customer_request.customer_request_action_board",
        "document.querySelector('.o_kanban_renderer .o_kanban_record')",
    )
    browser.screenshot(shot_path("customer_request", "request_board.png"))


def customer_card(browser, odoo, partner_id):
    browser.viewport(DESKTOP)
    browser.open(
        f"{odoo.url}/odoo/action-customer_comm.res_partner_action_customers/"
        f"{partner_id}",
        "document.querySelector('.o_form_view .o-form-buttonbox .oe_stat_button')",
    )
    browser.screenshot(shot_path("customer_comm", "customer_card.png"))


def composer(browser, odoo, partner_id):
    """The composer as "Contact" opens it on the customer card (the button,
    wherever the form puts it, run through the web client's action service),
    an e-mail template chosen, on its "Compose" tab."""
    browser.evaluate(
        "odoo.__WOWL_DEBUG__.root.env.services.action.doActionButton({"
        "  type: 'object', name: 'action_open_customer_composer',"
        f"  resModel: 'res.partner', resId: {partner_id}, resIds: [{partner_id}],"
        "}).then(() => true)"
    )
    browser.wait_for(
        "document.querySelector('.modal div[name=mail_template_id] input')"
    )
    browser.type_into(".modal div[name=mail_template_id] input", "Your order is ready")
    browser.wait_for("document.querySelector('.o-autocomplete--dropdown-item a')")
    browser.evaluate(
        "document.querySelector('.o-autocomplete--dropdown-item a').click()"
    )
    browser.wait_for(
        "document.querySelector('.modal div[name=mail_template_id] input')"
        ".value === 'Your order is ready'"
    )
    browser.evaluate(
        "[...document.querySelectorAll('.modal .nav-link')]"
        ".find((tab) => tab.textContent.includes('Compose')).click()"
    )
    browser.wait_for("document.querySelector('.modal div[name=body] p')")
    browser.screenshot(shot_path("customer_comm", "composer.png"))


def take_screenshots(odoo, session_id):
    browser = Browser()
    try:
        offer_page_on_phone(browser, odoo)
        browser.send(
            "Network.setCookie", name="session_id", value=session_id, url=odoo.url
        )
        request_board(browser, odoo)
        partner_id = odoo.ref("customer_request.demo_partner_rossi")
        customer_card(browser, odoo, partner_id)
        composer(browser, odoo, partner_id)
    finally:
        browser.close()


def main():
    project.prepare({**project.RUN_PACKAGES, **PACKAGES})
    db = project.DEMO_DB
    project.prepare_demo_db(db)
    odoo = OdooServer(db)
    try:
        odoo.wait_ready()
        take_screenshots(odoo, odoo.login())
    finally:
        odoo.stop()
    project.say("screenshots written; README.rst shows them")


if __name__ == "__main__":
    sys.exit(main())
