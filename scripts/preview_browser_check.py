#!/usr/bin/env python3
"""Check `pylon-kb preview` in headless Chromium the way a writer uses it.

Used by scripts/browser-check.sh. Starts `pylon-kb preview FOLDER --port 0` on a copy of a
content folder, opens an article in Chromium, and then, as a writer would:

1. saves an edit to the article and waits for the open page to show it without any action
   (the page reloads itself); the time from the save to the new text on screen is measured;
2. saves a broken link and waits for the error overlay to name the file and line;
3. fixes it and waits for the overlay to go away;
4. fails on any console error, uncaught exception or failed load along the way.

Prints the measured save-to-screen times (median and worst) so a run documents the loop's speed.
Uses `Browser` from browser_check.py (standard library only).
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser_check import Browser, stop_process  # noqa: E402


class Preview:
    """A running `pylon-kb preview`, its address, and every line it printed."""

    def __init__(self, pylon_kb, folder):
        self.process = subprocess.Popen(
            [pylon_kb, "preview", folder, "--port", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines = []
        self.url = None
        started = threading.Event()

        def read():
            for line in self.process.stdout:
                self.lines.append(line.rstrip("\n"))
                found = re.search(r" at (http://\S+)", line)
                if found and not self.url:
                    self.url = found.group(1).rstrip("/") + "/"
                    started.set()
            started.set()

        threading.Thread(target=read, daemon=True).start()
        if not started.wait(60) or not self.url:
            self.stop()
            raise RuntimeError("pylon-kb preview did not print its address:\n" + "\n".join(self.lines))

    def stop(self):
        return stop_process(self.process)


def wait_for(browser, expression, timeout):
    """Evaluates `expression` until it is true; returns the seconds it took, or None. A reload
    destroys the page's context mid-evaluation: that is expected, and retried."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            if browser.evaluate(expression):
                return time.monotonic() - started
        except RuntimeError:
            pass
        browser._drain(0.02)
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chromium", default="chromium")
    parser.add_argument("--pylon-kb", required=True, help="a built pylon-kb")
    parser.add_argument("--folder", required=True, help="a content folder; it is edited, so pass a copy")
    parser.add_argument("--article", required=True, help="an article of the folder, e.g. guides/install.md")
    parser.add_argument("--edits", type=int, default=5, help="how many timed edits")
    parser.add_argument("--screenshot", help="save a PNG of the page with the error overlay here")
    options = parser.parse_args()

    path = os.path.join(options.folder, options.article)
    with open(path, encoding="utf-8") as file:
        original = file.read().rstrip("\n") + "\n"
    page = re.sub(r"\.md$", ".html", options.article)

    preview = Preview(options.pylon_kb, options.folder)
    browser = Browser(options.chromium, 1280, 900)
    failures = []
    try:
        problems = browser.open(preview.url + page)
        failures += [f"opening {page}: {problem}" for problem in problems]
        if wait_for(browser, "document.querySelector('article') !== null", 10) is None:
            failures.append(f"{page} shows no article")

        # 1. Each save reaches the open page by itself.
        timings = []
        for number in range(1, options.edits + 1):
            sentence = f"Saved edit number {number} reached the page."
            with open(path, "w", encoding="utf-8") as file:
                file.write(original + "\n" + sentence + "\n")
            took = wait_for(browser, f"document.body.innerText.includes({sentence!r})", 15)
            if took is None:
                failures.append(f"edit {number} did not reach the open page within 15 s")
                break
            timings.append(took)

        # 2. A broken link shows as an error over the page, with its file and line.
        broken = original + "\nSee [the missing page](no-such-page.md).\n"
        line = broken.count("\n")
        with open(path, "w", encoding="utf-8") as file:
            file.write(broken)
        place = f"{options.article}:{line}"
        overlay = "(document.getElementById('pylon-kb-overlay') || {textContent: ''}).textContent"
        if wait_for(browser, f"{overlay}.includes({place!r}) && {overlay}.includes('no-such-page.md')", 15) is None:
            failures.append(f"the error overlay did not show {place} within 15 s")
        elif options.screenshot:
            browser.screenshot(options.screenshot)

        # 3. Fixed, the overlay goes away.
        with open(path, "w", encoding="utf-8") as file:
            file.write(original)
        if wait_for(browser, "document.getElementById('pylon-kb-overlay') === null", 15) is None:
            failures.append("the error overlay stayed after the link was fixed")

        browser._drain(0.3)
        failures += [f"in the browser: {problem}" for problem in browser.problems]
    finally:
        browser.close()
        code = preview.stop()

    if not any(re.search(re.escape(options.article) + r":\d+: error: ", line) for line in preview.lines):
        failures.append("the terminal did not print the broken link's error with file:line")
    if code not in (0, -15, 143):
        failures.append(f"pylon-kb preview exited with {code} when stopped")
    if timings:
        print(f"preview: {len(timings)} saves reached the open page in "
              f"{statistics.median(timings) * 1000:.0f} ms (median), {max(timings) * 1000:.0f} ms (worst)")
    if failures:
        print("\n".join(preview.lines[-20:]), file=sys.stderr)
        for failure in failures:
            print(f"preview-check: {failure}", file=sys.stderr)
        return 1
    print("preview: edits reload the page, the error overlay names file:line and leaves when fixed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
