"""A headless Chromium driven through chromedriver's W3C WebDriver protocol.

Debian's ``chromium`` and ``chromium-driver`` packages; the protocol is a few JSON
requests, spoken here with the standard library, so the tests need no browser
automation package. :func:`browser` skips the test when either is missing.
"""

from __future__ import annotations

import base64
import json
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
]


class Browser:
    """One WebDriver session: open a page, run script, click, type, read the log."""

    def __init__(self, url: str, session: str) -> None:
        self.url = url
        self.session = session

    def _call(self, method: str, path: str, body: dict | None = None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            f"{self.url}/session/{self.session}{path}",
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.loads(response.read())["value"]
        except urllib.error.HTTPError as err:
            raise AssertionError(f"WebDriver {path}: {err.read()[:500]!r}") from None

    def open(self, url: str) -> None:
        self._call("POST", "/url", {"url": url})

    def run(self, script: str, *args):
        return self._call(
            "POST", "/execute/sync", {"script": script, "args": list(args)}
        )

    def find(self, css: str) -> str:
        found = self._call("POST", "/element", {"using": "css selector", "value": css})
        return found[ELEMENT]

    def click(self, css: str) -> None:
        self._call("POST", f"/element/{self.find(css)}/click", {})

    def type(self, css: str, text: str) -> None:
        self._call("POST", f"/element/{self.find(css)}/value", {"text": text})

    def pointer(self, x: float, y: float, *, press: bool) -> None:
        """Move the mouse to viewport point (x, y), and click there if ``press``."""
        actions = [{"type": "pointerMove", "x": int(x), "y": int(y), "duration": 0}]
        if press:
            actions += [
                {"type": "pointerDown", "button": 0},
                {"type": "pointerUp", "button": 0},
            ]
        self._call(
            "POST",
            "/actions",
            {
                "actions": [
                    {
                        "type": "pointer",
                        "id": "mouse",
                        "parameters": {"pointerType": "mouse"},
                        "actions": actions,
                    }
                ]
            },
        )

    def console(self) -> list[dict]:
        """The browser console's entries since the last call (level, message)."""
        return self._call("POST", "/se/log", {"type": "browser"})

    def screenshot(self, path: Path) -> Path:
        path.write_bytes(base64.b64decode(self._call("GET", "/screenshot")))
        return path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def browser(profile: Path, width: int = 1400, height: int = 900):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if chromium is None or driver is None:
        pytest.skip(
            "headless Chromium is not installed (Debian: chromium, chromium-driver)"
        )
    port = _free_port()
    process = subprocess.Popen(
        [driver, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):  # until chromedriver listens (bounded: ~10 s)
            try:
                urllib.request.urlopen(url + "/status", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        capabilities = {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    *FLAGS,
                    f"--user-data-dir={profile}",
                    f"--window-size={width},{height}",
                ],
            },
            "goog:loggingPrefs": {"browser": "ALL"},
        }
        request = urllib.request.Request(
            url + "/session",
            data=json.dumps({"capabilities": {"alwaysMatch": capabilities}}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            session = json.loads(response.read())["value"]["sessionId"]
        session_browser = Browser(url, session)
        try:
            yield session_browser
        finally:
            urllib.request.urlopen(
                urllib.request.Request(f"{url}/session/{session}", method="DELETE"),
                timeout=30,
            ).read()
    finally:
        process.terminate()
        process.wait(timeout=30)
