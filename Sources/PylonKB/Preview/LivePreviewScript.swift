/// The script `pylon-kb preview` adds to every page it serves (never to `render`'s files, never
/// to Pylon): it listens to the server's events, reloads the page when a newer build exists,
/// and shows the last build's errors and warnings over the page, with file:line.
enum LivePreviewScript {
    static let path = "_preview/live.js"
    static let eventsPath = "_preview/events"
    static let statusPath = "_preview/status.json"

    /// Server-sent events, not polling: the page learns of a build the moment it ends. The
    /// overlay is plain DOM (no innerHTML), so a message quoting the Markdown cannot inject.
    static let source = """
        (function () {
          "use strict";
          var version = Number(document.currentScript.getAttribute("data-version"));
          function show(status) {
            var box = document.getElementById("pylon-kb-overlay");
            var entries = status.failure
              ? [{ file: "", line: null, severity: "error", message: status.failure }]
              : status.diagnostics;
            if (!entries.length) {
              if (box) { box.remove(); }
              return;
            }
            if (!box) {
              box = document.createElement("div");
              box.id = "pylon-kb-overlay";
              box.setAttribute("role", "alert");
              document.body.appendChild(box);
            }
            box.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:45vh;overflow:auto;" +
              "z-index:2147483647;margin:0;padding:12px 16px;background:#1b1b1f;color:#f4f4f5;" +
              "font:13px/1.5 ui-monospace,Menlo,Consolas,monospace;box-shadow:0 -2px 12px rgba(0,0,0,.4);" +
              "border-top:4px solid " + (status.errors || status.failure ? "#e5484d" : "#f5a524");
            box.textContent = "";
            var heading = document.createElement("strong");
            heading.textContent = status.failure ? "pylon-kb preview: the folder cannot be read"
              : "pylon-kb check: " + status.errors + " error(s), " + status.warnings + " warning(s)";
            box.appendChild(heading);
            entries.forEach(function (entry) {
              var line = document.createElement("div");
              line.className = "pylon-kb-diagnostic " + entry.severity;
              var place = entry.file ? entry.file + (entry.line ? ":" + entry.line : "") + ": " : "";
              line.textContent = place + entry.severity + ": " + entry.message;
              line.style.color = entry.severity === "error" ? "#ff9592" : "#ffca16";
              box.appendChild(line);
            });
          }
          if (!window.EventSource) { return; }
          var events = new EventSource("/\(eventsPath)");
          events.addEventListener("status", function (event) {
            var status = JSON.parse(event.data);
            if (status.version !== version) { window.location.reload(); return; }
            show(status);
          });
        })();

        """

    static func failurePage(_ status: LivePreview.Status) -> String {
        simplePage(
            title: "The preview cannot be built",
            text: status.failure ?? "The content folder could not be read; see the terminal.")
    }

    static func notFoundPage(_ path: String) -> String {
        simplePage(
            title: "Not in this preview",
            text:
                "/\(path) is not a page of the content folder (yet). This page reloads after the next change."
        )
    }

    private static func simplePage(title: String, text: String) -> String {
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>\(escape(title))</title></head>"
            + "<body><h1>\(escape(title))</h1><p>\(escape(text))</p><p><a href=\"/\">Home</a></p></body></html>"
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
