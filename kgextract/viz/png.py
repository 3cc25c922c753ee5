"""PNG through headless Chromium: the browser draws the SVG exactly as it draws
the HTML page, and it is a system package (Debian's ``chromium``), not a Python
rendering stack to install beside kgextract."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from kgextract.errors import KgExtractError

CHROMIUM_ENV = "KGEXTRACT_CHROMIUM"
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# A browser that cannot reach the network, keeps no profile and updates nothing.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    "--default-background-color=ffffffff",
)
TIMEOUT = 120  # seconds


def chromium() -> str | None:
    """The browser: $KGEXTRACT_CHROMIUM, else the first of :data:`CANDIDATES` on
    the PATH."""
    configured = os.environ.get(CHROMIUM_ENV)
    if configured:
        return shutil.which(configured) or configured
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def svg_to_png(svg: str, width: int, height: int, scale: float = 1.0) -> bytes:
    """The SVG's picture at ``width`` x ``height`` CSS pixels (times ``scale``).

    Refused with a one-line error when no Chromium is installed or it fails.
    """
    browser = chromium()
    if browser is None:
        raise KgExtractError(
            "writing PNG needs Chromium (Debian: apt-get install chromium; or set "
            f"${CHROMIUM_ENV}); write .svg or .html instead"
        )
    with tempfile.TemporaryDirectory(prefix="kgextract-png-") as folder:
        page = Path(folder, "graph.svg")
        page.write_text(svg, encoding="utf-8")
        shot = Path(folder, "graph.png")
        command = [
            browser,
            *FLAGS,
            f"--user-data-dir={Path(folder, 'profile')}",
            f"--window-size={width},{height}",
            f"--force-device-scale-factor={scale}",
            f"--screenshot={shot}",
            page.as_uri(),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=TIMEOUT, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as err:
            raise KgExtractError(f"{browser}: could not draw the PNG ({err})") from None
        if not shot.exists():
            last = (done.stderr.strip().splitlines() or ["no output"])[-1]
            raise KgExtractError(
                f"{browser}: drew no PNG (exit {done.returncode}: {last})"
            )
        return shot.read_bytes()
