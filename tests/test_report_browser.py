"""report.html in a real browser: headless Chromium, networking off, driven over the DevTools pipe.

Chromium's `--remote-debugging-pipe` takes DevTools protocol commands on fd 3 and answers on
fd 4 (NUL-separated JSON), so no websocket client or driver package is needed. The test loads the
sample run's report, collects every console message, exception, failed load and network request,
then reads the rendered page: the plots' drawn sizes and the counts it shows against stats.json.
Skips without Chromium, except in CI (`CI` set), where `.ci/run` installs it.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import time

import pytest
from e2e import SAMPLE_INPUTS, run_cli, stats

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.e2e

# The flags the machine's notes give for a headless Chromium with nothing running in the
# background, plus networking off: every host resolves to nothing and any proxy use fails.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--proxy-server=127.0.0.1:9",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--remote-debugging-pipe",
)
# What the page shows, read back after it has rendered.
READ_PAGE = """(() => {
  const plots = [...document.querySelectorAll('svg.plot')].map(svg => {
    const box = svg.getBoundingClientRect();
    const bars = [...svg.querySelectorAll('rect.bar')].map(bar => ({
      label: bar.dataset.label, value: Number(bar.dataset.value), width: bar.getBBox().width,
      height: bar.getBBox().height}));
    return {name: svg.dataset.plot, width: box.width, height: box.height, bars};
  });
  const shown = Object.fromEntries([...document.querySelectorAll('[data-stat]')].map(
    el => [el.dataset.stat, el.textContent]));
  return JSON.stringify({plots, shown, title: document.title});
})()"""


class DevTools:
    """A DevTools protocol session with one page, over Chromium's debugging pipe."""

    def __init__(self, profile_dir: str):
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def pipes_as_fd_3_and_4():
            # Copies first: a pipe end may already be fd 3 or 4, and dup2 onto itself would keep
            # its close-on-exec flag.
            reading, writing = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(reading, 3)
            os.dup2(writing, 4)

        self.process = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile_dir}", "about:blank"],
            preexec_fn=pipes_as_fd_3_and_4,
            close_fds=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []
        self.session = None

    def send(self, method: str, params: dict | None = None, timeout: float = 60.0) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if self.session:
            message["sessionId"] = self.session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise AssertionError(f"{method}: {reply['error']}")
                return reply["result"]
            self.events.append(reply)

    def wait_for(self, method: str, timeout: float = 60.0) -> dict:
        seen = next((e for e in self.events if e.get("method") == method), None)
        deadline = time.monotonic() + timeout
        while seen is None:
            event = self._receive(deadline)
            self.events.append(event)
            if event.get("method") == method:
                seen = event
        return seen

    def _receive(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer over the DevTools pipe")
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise EOFError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def close(self) -> None:
        try:
            self.session = None
            self.send("Browser.close", timeout=10)
        except (OSError, TimeoutError, EOFError, AssertionError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)


@pytest.fixture(scope="module")
def chromium():
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed, and CI must run the browser test (.ci/run installs it)")
        pytest.skip("Chromium is not installed (apt-get install -y chromium); CI installs it")
    return CHROMIUM


def test_report_renders_offline_with_no_errors_and_the_counts_of_stats_json(chromium, tmp_path):
    output = tmp_path / "out"
    run_cli(*SAMPLE_INPUTS, "--output", str(output))
    expected = stats(output)
    browser = DevTools(str(tmp_path / "profile"))
    try:
        target = browser.send("Target.createTarget", {"url": "about:blank"})
        attached = browser.send("Target.attachToTarget", {"targetId": target["targetId"], "flatten": True})
        browser.session = attached["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            browser.send(f"{domain}.enable")
        browser.send("Page.navigate", {"url": (output / "report.html").as_uri()})
        browser.wait_for("Page.loadEventFired")
        page = json.loads(
            browser.send("Runtime.evaluate", {"expression": READ_PAGE, "returnByValue": True})["result"][
                "value"
            ]
        )
        events = list(browser.events)
    finally:
        browser.close()

    problems = [
        e
        for e in events
        if e.get("method") in ("Runtime.exceptionThrown", "Network.loadingFailed")
        or (
            e.get("method") == "Runtime.consoleAPICalled"
            and e["params"]["type"] in ("error", "warning", "assert")
        )
        or (e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] in ("error", "warning"))
    ]
    assert problems == []
    requested = [
        e["params"]["request"]["url"] for e in events if e.get("method") == "Network.requestWillBeSent"
    ]
    assert requested and all(url.startswith("file://") for url in requested), requested

    plots = {plot["name"]: plot for plot in page["plots"]}
    for name in (
        "filtered_by_reason",
        "errors_by_kind",
        "removed_by_rule",
        "chars_removed_by_rule",
        "languages",
        "chars_by_language",
        "length_histogram",
    ):
        plot = plots[name]
        assert plot["width"] > 100 and plot["height"] > 10, name
        assert any(bar["width"] > 0 and bar["height"] > 0 for bar in plot["bars"]), f"{name}: no bar drawn"
    for name, counts in (
        ("removed_by_rule", expected["removed_by_rule"]),
        ("languages", expected["languages"]),
        ("filtered_by_reason", expected["filtered_by_reason"]),
        ("errors_by_kind", expected["errors_by_kind"]),
    ):
        assert {bar["label"]: bar["value"] for bar in plots[name]["bars"]} == counts, name
    histogram = [
        bar["value"] for bar in plots["length_histogram"]["bars"] if bar["label"].startswith("clean:")
    ]
    assert sum(histogram) == expected["clean"]

    shown = {key: int(value.replace(",", "")) for key, value in page["shown"].items()}
    for key in ("read", "clean", "filtered", "errors"):
        assert shown[key] == expected[key], key
    assert shown["read"] == shown["clean"] + shown["filtered"] + shown["errors"]
    for rule, count in expected["removed_by_rule"].items():
        assert shown[f"removed_by_rule:{rule}"] == count
