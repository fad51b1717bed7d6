#!/usr/bin/env python3
"""Load pages in headless Chromium and fail on console errors, broken links or broken images.

Used by scripts/browser-check.sh. Talks the Chrome DevTools Protocol over a WebSocket with the
standard library only (no Selenium, no Playwright, nothing to download). For every start URL it
crawls the local pages it links to (same origin, or file: under the start's folder), and on
every page it records:

- uncaught exceptions, console.error/assert calls and browser log errors (failed loads,
  Content-Security-Policy violations);
- HTTP errors (status >= 400) of the page and of everything it loads;
- every local <a href> that does not resolve (file missing, HTTP status other than 200, or a
  #fragment with no element of that id on a crawled page);
- every <img> that did not load (naturalWidth 0) or whose local URL does not resolve.

It also checks the preview's behaviour: typing into the search box shows results, and code
blocks with a known language are highlighted. Screenshots (PNG, viewport size) are taken of the
pages named with --shot NAME=URL; URL may contain * to pick a crawled page by pattern.
"""

import argparse
import base64
import fnmatch
import json
import os
import re
import select
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request


class WebSocket:
    """A minimal RFC 6455 client: text frames out (masked), text frames in, ping answered."""

    def __init__(self, url, timeout):
        parts = urllib.parse.urlparse(url)
        self.sock = socket.create_connection((parts.hostname, parts.port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        request = (
            f"GET {parts.path} HTTP/1.1\r\nHost: {parts.hostname}:{parts.port}\r\n"
            "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        self.sock.sendall(request.encode())
        buffer = b""
        while b"\r\n\r\n" not in buffer:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("Chromium closed the DevTools connection during the handshake.")
            buffer += chunk
        head, self.pending = buffer.split(b"\r\n\r\n", 1)
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise ConnectionError("Chromium refused the DevTools WebSocket: " + head.decode(errors="replace"))

    def _exactly(self, count):
        while len(self.pending) < count:
            chunk = self.sock.recv(max(65536, count - len(self.pending)))
            if not chunk:
                raise ConnectionError("Chromium closed the DevTools connection.")
            self.pending += chunk
        data, self.pending = self.pending[:count], self.pending[count:]
        return data

    def _send_frame(self, opcode, payload):
        header = bytearray([0x80 | opcode])
        length = len(payload)
        if length < 126:
            header.append(0x80 | length)
        elif length < 65536:
            header.append(0x80 | 126)
            header += struct.pack(">H", length)
        else:
            header.append(0x80 | 127)
            header += struct.pack(">Q", length)
        mask = os.urandom(4)
        header += mask
        repeated = (mask * (length // 4 + 1))[:length]
        masked = (int.from_bytes(payload, "big") ^ int.from_bytes(repeated, "big")).to_bytes(length, "big")
        self.sock.sendall(bytes(header) + masked)

    def send(self, text):
        self._send_frame(0x1, text.encode())

    def receive(self):
        message = b""
        while True:
            first, second = self._exactly(2)
            opcode = first & 0x0F
            length = second & 0x7F
            if length == 126:
                length = struct.unpack(">H", self._exactly(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self._exactly(8))[0]
            mask = self._exactly(4) if second & 0x80 else None
            data = self._exactly(length)
            if mask:
                data = bytes(byte ^ mask[index % 4] for index, byte in enumerate(data))
            if opcode == 0x8:
                raise ConnectionError("Chromium closed the DevTools connection.")
            if opcode == 0x9:
                self._send_frame(0xA, data)
                continue
            message += data
            if first & 0x80:
                return message.decode()


def stop_process(process):
    """Asks a child process to stop, kills it after 10 s, and returns its exit status."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return process.returncode


class Browser:
    """One headless Chromium with one page, driven over the DevTools protocol."""

    def __init__(self, executable, width, height):
        self.profile = tempfile.mkdtemp(prefix="browser-check-profile-")
        arguments = [
            executable, "--headless=new", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--hide-scrollbars", "--mute-audio", "--disable-dev-shm-usage", "--remote-debugging-port=0",
            f"--user-data-dir={self.profile}", f"--window-size={width},{height}", "about:blank",
        ]
        if os.geteuid() == 0:
            arguments.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox.
        self.process = subprocess.Popen(
            arguments, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        endpoint = None
        deadline = time.time() + 30
        while time.time() < deadline:
            line = self.process.stderr.readline()
            if not line:
                break
            found = re.search(r"DevTools listening on (ws://\S+)", line)
            if found:
                endpoint = found.group(1)
                break
        if not endpoint:
            self.close()
            raise RuntimeError(f"{executable} did not start its DevTools endpoint within 30 s.")
        port = urllib.parse.urlparse(endpoint).port
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as response:
            targets = json.load(response)
        page = next(target for target in targets if target.get("type") == "page")
        self.socket = WebSocket(page["webSocketDebuggerUrl"], timeout=30)
        self.next_id = 0
        self.problems = []
        self.loaded = False
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)

    def close(self):
        stop_process(self.process)
        shutil.rmtree(self.profile, ignore_errors=True)

    def _handle(self, message):
        method = message.get("method")
        params = message.get("params", {})
        if method == "Page.loadEventFired":
            self.loaded = True
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            text = details.get("exception", {}).get("description") or details.get("text", "exception")
            self.problems.append(f"uncaught exception: {text.splitlines()[0]}")
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            words = [str(arg.get("value", arg.get("description", ""))) for arg in params.get("args", [])]
            self.problems.append("console." + params["type"] + ": " + " ".join(words))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            self.problems.append(f"browser log: {entry.get('text')} {entry.get('url', '')}".strip())
        elif method == "Network.responseReceived":
            response = params.get("response", {})
            if response.get("status", 0) >= 400:
                self.problems.append(f"HTTP {response['status']} for {response.get('url')}")

    def call(self, method, **params):
        self.next_id += 1
        identifier = self.next_id
        self.socket.send(json.dumps({"id": identifier, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.receive())
            if message.get("id") == identifier:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error'].get('message')}")
                return message.get("result", {})
            self._handle(message)

    def _drain(self, seconds):
        """Handles events that arrive within `seconds` (late loads, deferred errors). Waits with
        select rather than a socket timeout, so a frame is never cut in half."""
        deadline = time.time() + seconds
        while True:
            if not self.socket.pending:
                remaining = deadline - time.time()
                if remaining <= 0 or not select.select([self.socket.sock], [], [], remaining)[0]:
                    return
            self._handle(json.loads(self.socket.receive()))

    def open(self, url, timeout=20):
        """Navigates and waits for the load event; returns the problems the page caused."""
        self.problems = []
        self.loaded = False
        result = self.call("Page.navigate", url=url)
        if result.get("errorText"):
            return [f"navigation failed: {result['errorText']}"]
        deadline = time.time() + timeout
        while not self.loaded and time.time() < deadline:
            self._drain(0.1)
        if not self.loaded:
            self.problems.append(f"the page did not finish loading within {timeout} s")
        self._drain(0.15)
        return self.problems

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"evaluating a check failed: {result['exceptionDetails'].get('text')}")
        return result.get("result", {}).get("value")

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", format="png")["data"]
        with open(path, "wb") as file:
            file.write(base64.b64decode(data))


PAGE_FACTS = """(() => ({
  links: [...document.querySelectorAll('a[href]')].map(a => a.href),
  images: [...document.images].map(i => ({src: i.currentSrc || i.src, ok: i.complete && i.naturalWidth > 0})),
  ids: [...document.querySelectorAll('[id], a[name]')].map(e => e.id || e.getAttribute('name')),
  highlighted: document.querySelectorAll('pre code [class^="tok-"]').length,
  codeBlocks: [...document.querySelectorAll('pre > code[class*="language-"]')].map(c => c.className),
  searchBoxes: document.querySelectorAll('form.search input[type="search"]').length,
}))()"""

SEARCH_PROBE = """(async () => {
  const input = document.querySelector('form.search input[type="search"]');
  const list = input.form.querySelector('.search-results');
  input.focus();
  input.value = %s;
  input.dispatchEvent(new Event('input', {bubbles: true}));
  // The static site loads its index on first use: wait for the results, at most 3 s.
  for (let i = 0; i < 60 && (list.hidden || !list.children.length); i++) {
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  const results = [...list.querySelectorAll('.result-title')].map(a => a.textContent);
  return {visible: !list.hidden, results};
})()"""

# Code in these languages always has something to colour (a string, a key, a command).
HIGHLIGHTED_LANGUAGES = {"language-python", "language-json", "language-go", "language-javascript",
                         "language-bash", "language-yaml", "language-ruby"}


def strip_fragment(url):
    return urllib.parse.urldefrag(url)[0]


def in_scope(url, start):
    """Pages the crawl follows: file: below the start page's folder, or the start's origin."""
    target, origin = urllib.parse.urlparse(url), urllib.parse.urlparse(start)
    if target.scheme == "file" and origin.scheme == "file":
        return target.path.startswith(os.path.dirname(origin.path) + "/")
    return target.scheme in ("http", "https") and target.netloc == origin.netloc


def is_local(url, starts):
    return any(in_scope(url, start) for start in starts)


class Resolver:
    """Whether a local URL resolves: the file exists, or an HTTP GET answers 200."""

    def __init__(self):
        self.cache = {}

    def check(self, url):
        url = strip_fragment(url)
        if url not in self.cache:
            self.cache[url] = self._check(url)
        return self.cache[url]

    @staticmethod
    def _check(url):
        parts = urllib.parse.urlparse(url)
        if parts.scheme == "file":
            path = urllib.parse.unquote(parts.path)
            if not os.path.isfile(path):
                return (False, "no such file")
            return (True, "text/html" if path.endswith(".html") else "other")
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return (response.status == 200, response.headers.get_content_type())
        except urllib.error.HTTPError as error:
            return (False, f"HTTP {error.code}")
        except (urllib.error.URLError, OSError) as error:
            return (False, str(error))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chromium", default="chromium")
    parser.add_argument("--start", action="append", required=True, help="a page to start crawling from")
    parser.add_argument("--shot", action="append", default=[], help="NAME=URL: save NAME.png of that page")
    parser.add_argument("--search", action="append", default=[],
                        help="[NAME@]URL=QUERY: typing QUERY in that page's search box must list results "
                             "(and NAME.png shows them)")
    parser.add_argument("--screenshots", required=True, help="folder for the PNG files")
    parser.add_argument("--max-pages", type=int, default=300)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=900)
    options = parser.parse_args()

    os.makedirs(options.screenshots, exist_ok=True)
    started = time.time()
    browser = Browser(options.chromium, options.width, options.height)
    resolver = Resolver()
    failures = []
    ids_by_page = {}
    fragment_links = []  # (page, link) pairs checked once every page is known
    pages_seen, links_checked, images_checked, external = 0, set(), 0, set()
    highlighted_pages, unhighlighted = 0, []
    try:
        queue = list(options.start)
        visited = set()
        while queue and pages_seen < options.max_pages:
            url = queue.pop(0)
            page = strip_fragment(url)
            if page in visited:
                continue
            visited.add(page)
            pages_seen += 1
            for problem in browser.open(page):
                failures.append(f"{page}: {problem}")
            facts = browser.evaluate(PAGE_FACTS)
            ids_by_page[page] = set(facts["ids"])
            if facts["searchBoxes"] == 0:
                failures.append(f"{page}: the page has no search box")
            if facts["highlighted"]:
                highlighted_pages += 1
            elif HIGHLIGHTED_LANGUAGES.intersection(" ".join(facts["codeBlocks"]).split()):
                unhighlighted.append(page)
            for image in facts["images"]:
                images_checked += 1
                if not image["ok"]:
                    failures.append(f"{page}: the image {image['src']} did not load")
                elif is_local(image["src"], options.start) and not resolver.check(image["src"])[0]:
                    failures.append(f"{page}: the image {image['src']} does not resolve")
            for link in facts["links"]:
                scheme = urllib.parse.urlparse(link).scheme
                if scheme not in ("http", "https", "file"):
                    continue
                if not is_local(link, options.start):
                    external.add(link)
                    continue
                links_checked.add(link)
                ok, kind = resolver.check(link)
                if not ok:
                    failures.append(f"{page}: the link {link} is broken ({kind})")
                    continue
                if urllib.parse.urldefrag(link)[1]:
                    fragment_links.append((page, link))
                if kind == "text/html" and strip_fragment(link) not in visited:
                    queue.append(strip_fragment(link))
        for name_url in options.shot:
            name, _, pattern = name_url.partition("=")
            matching = sorted(page for page in visited if fnmatch.fnmatchcase(page, pattern))
            if not matching:
                failures.append(f"screenshot {name}: no crawled page matches {pattern}")
                continue
            for problem in browser.open(matching[0]):
                failures.append(f"{matching[0]}: {problem}")
            browser._drain(0.3)  # let fonts and images settle before the picture
            browser.screenshot(os.path.join(options.screenshots, f"{name}.png"))
        for url_query in options.search:
            url, _, query = url_query.rpartition("=")
            name, at, rest = url.partition("@")
            url, name = (rest, name) if at and re.fullmatch(r"[a-z0-9-]+", name) else (url, None)
            browser.open(url)
            probe = browser.evaluate(SEARCH_PROBE % json.dumps(query))
            if not probe["visible"] or not probe["results"]:
                failures.append(f"{url}: typing {query!r} in the search box showed no results")
            else:
                print(f"search {query!r} on {url}: {len(probe['results'])} results, first {probe['results'][0]!r}")
                if name:
                    browser.screenshot(os.path.join(options.screenshots, f"{name}.png"))
    finally:
        browser.close()

    for page, link in fragment_links:
        target, fragment = urllib.parse.urldefrag(link)
        fragment = urllib.parse.unquote(fragment)
        if target in ids_by_page and fragment not in ids_by_page[target]:
            failures.append(f"{page}: the link {link} points to a missing anchor #{fragment}")
    if highlighted_pages == 0:
        failures.append("no page had highlighted code: the highlighter did not run")
    for page in unhighlighted:
        failures.append(f"{page}: its code blocks were not highlighted")

    print(
        f"browser check: {pages_seen} pages, {len(links_checked)} local links, {images_checked} images, "
        f"{len(external)} external links not followed, {highlighted_pages} pages with highlighted code, "
        f"{time.time() - started:.1f} s"
    )
    for failure in failures:
        print(f"error: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
