import PylonKB
import Testing

@Suite struct TextDiffTests {
    @Test func showsChangedLinesWithContext() {
        let old = ["# Install", "one", "two", "three", "four", "five", "six"]
        let new = ["# Install", "one", "two", "THREE", "four", "five", "six"]
        let diff = TextDiff(old: old, new: new, context: 1)
        #expect(diff.unified == " two\n-three\n+THREE\n four")
        #expect(diff.addedCount == 1)
        #expect(diff.removedCount == 1)
    }

    @Test func separatesDistantHunks() {
        let old = (1...20).map { "line \($0)" }
        var new = old
        new[1] = "changed 2"
        new[17] = "changed 18"
        let diff = TextDiff(old: old, new: new, context: 1)
        #expect(diff.lines.filter { $0.kind == .hunk }.count == 1)
        #expect(diff.unified.contains("-line 2\n+changed 2"))
        #expect(diff.unified.contains("-line 18\n+changed 18"))
    }

    @Test func readableTextFromArticleHTML() {
        let html = """
            <h2 id="setup">Setup</h2>
            <p>Run the <a href="/articles/1-install">installer</a>.</p>
            <ul><li>one</li><li>two</li></ul>
            <pre><code class="language-sh">relay start
            relay status
            </code></pre>
            <table><thead><tr><th>Plan</th><th>Seats</th></tr></thead><tbody><tr><td>Team</td><td>10</td></tr></tbody></table>
            """
        #expect(
            ReadableText.lines(fromHTML: html) == [
                "## Setup", "Run the [installer](/articles/1-install).", "- one", "- two", "```",
                "relay start", "relay status", "```", "| Plan | Seats |", "| Team | 10 |",
            ])
    }

    @Test func lineBreaksInsideAParagraphReadAsSpaces() {
        let html =
            "<p>Start your message with\n<code>/note</code>, and routing rules with the condition\n<em>Channel is</em> <code>slack</code>.</p>"
        #expect(
            ReadableText.lines(fromHTML: html) == [
                "Start your message with /note, and routing rules with the condition Channel is slack."
            ])
    }
}
