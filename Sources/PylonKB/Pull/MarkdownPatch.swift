/// Carries an edit made in Pylon into the Markdown file it came from, touching only the text
/// that changed, so a one-word edit in Pylon is a one-word diff in git (`pylon-kb pull`).
///
/// Pylon holds HTML, and the file was written by a person in their own Markdown style (wrapped
/// lines, `*` or `_`, Liquid includes), so the edit cannot be found by comparing the file with
/// Pylon's HTML. Instead both sides go through the same converter: `before` is the Markdown
/// `HTMLToMarkdown` writes for what the file publishes, `after` the Markdown it writes for what
/// Pylon holds now. Their line diff is exactly the person's edit, in one style; each changed
/// run of lines is then found in the file by its text and the text around it (whitespace,
/// including line wraps, does not count) and replaced there. A change that cannot be placed
/// unambiguously makes the whole patch fail (nil): the caller then verifies nothing half-done
/// and rewrites the body instead, saying so. The caller also checks that the patched file
/// renders what Pylon holds, so a wrong placement can never be written silently.
struct MarkdownPatch: Sendable {
    /// The file's body (after any front matter), as written.
    var source: String

    /// `source` with the edits between `before` and `after` applied, or nil when one of them
    /// could not be placed (or the two are equal: nothing to do).
    func applying(before: String, after: String) -> String? {
        let old = before.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let new = after.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let hunks = Self.hunks(old: old, new: new)
        guard !hunks.isEmpty else { return nil }
        let text = NormalisedText(source)
        let lenient = NormalisedText(source, ignoring: NormalisedText.markup)
        var edits: [Edit] = []
        for hunk in hunks {
            guard let edit = edit(for: hunk, old: old, new: new, in: text, lenient: lenient) else {
                return nil
            }
            edits.append(edit)
        }
        edits.sort { $0.range.lowerBound < $1.range.lowerBound }
        for (earlier, later) in zip(edits, edits.dropFirst())
        where earlier.range.upperBound > later.range.lowerBound {
            return nil
        }
        var characters = text.characters
        for edit in edits.reversed() {
            characters.replaceSubrange(edit.range, with: Array(edit.replacement))
        }
        return String(characters)
    }

    /// A run of changed lines: `old[oldRange]` became `newLines`.
    struct Hunk: Equatable {
        var oldRange: Range<Int>
        var newRange: Range<Int>
    }

    /// A replacement in the source, in `Character` offsets.
    private struct Edit {
        var range: Range<Int>
        var replacement: String
    }

    static func hunks(old: [String], new: [String]) -> [Hunk] {
        let difference = new.difference(from: old)
        var removed = Set<Int>()
        var inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var hunks: [Hunk] = []
        var oldIndex = 0
        var newIndex = 0
        while oldIndex < old.count || newIndex < new.count {
            let oldStart = oldIndex
            let newStart = newIndex
            while oldIndex < old.count, removed.contains(oldIndex) { oldIndex += 1 }
            while newIndex < new.count, inserted.contains(newIndex) { newIndex += 1 }
            if oldIndex != oldStart || newIndex != newStart {
                hunks.append(Hunk(oldRange: oldStart..<oldIndex, newRange: newStart..<newIndex))
            } else {
                oldIndex += 1
                newIndex += 1
            }
        }
        return hunks
    }

    private func edit(
        for hunk: Hunk, old: [String], new: [String], in text: NormalisedText, lenient: NormalisedText
    ) -> Edit? {
        let oldLines = Array(old[hunk.oldRange])
        let newLines = Array(new[hunk.newRange])
        // One line became another (a word or a sentence edited in a paragraph): only the
        // changed words are replaced, found with the rest of the line around them.
        if oldLines.count == 1, newLines.count == 1, !Self.isBlank(oldLines[0]), !Self.isBlank(newLines[0]) {
            let contextBefore = old[max(0, hunk.oldRange.lowerBound - 2)..<hunk.oldRange.lowerBound].joined(
                separator: " ")
            let contextAfter = old[hunk.oldRange.upperBound..<min(old.count, hunk.oldRange.upperBound + 2)]
                .joined(separator: " ")
            for snapToWords in [true, false] {
                let change = Self.changedSpan(oldLines[0], newLines[0], snapToWords: snapToWords)
                if let range = text.locate(
                    change.old, before: contextBefore + " " + change.prefix,
                    after: change.suffix + " " + contextAfter)
                {
                    return Edit(range: range, replacement: change.new)
                }
            }
            return nil
        }
        let oldContent = Self.trimmingBlankLines(oldLines)
        let newContent = Self.trimmingBlankLines(newLines)
        if !oldContent.isEmpty {
            // Whole lines replaced or removed: the old lines' text is found, and replaced by the
            // new lines (nothing, for a removal, along with the blank lines that followed).
            let contextBefore = old[max(0, hunk.oldRange.lowerBound - 3)..<hunk.oldRange.lowerBound].joined(
                separator: " ")
            let contextAfter = old[hunk.oldRange.upperBound..<min(old.count, hunk.oldRange.upperBound + 3)]
                .joined(separator: " ")
            let needle = oldContent.joined(separator: " ")
            guard
                let found = text.locate(needle, before: contextBefore, after: contextAfter)
                    ?? lenient.locate(needle, before: contextBefore, after: contextAfter)
            else { return nil }
            // Whole lines of the file: the file may mark the same list or emphasis differently.
            var range = text.wholeLines(found)
            if newContent.isEmpty {
                range = text.extendingOverFollowingWhitespace(range)
            }
            return Edit(range: range, replacement: newContent.joined(separator: "\n"))
        }
        guard !newContent.isEmpty else { return nil }
        // Lines inserted: after the text of the last line before them (as many line breaks as
        // `after` has there, so a list item joins its list and a paragraph stands apart), or
        // before the first line after them when they open the text.
        let firstContent = hunk.newRange.lowerBound + (newLines.firstIndex { !Self.isBlank($0) } ?? 0)
        let lastContent = hunk.newRange.lowerBound + (newLines.lastIndex { !Self.isBlank($0) } ?? 0)
        if let anchor = old[..<hunk.oldRange.lowerBound].lastIndex(where: { !Self.isBlank($0) }) {
            let blanksBefore = new[..<firstContent].reversed().prefix(while: Self.isBlank).count
            let contextBefore = old[max(0, anchor - 2)..<anchor].joined(separator: " ")
            guard
                let found = text.locate(old[anchor], before: contextBefore, after: "")
                    ?? lenient.locate(old[anchor], before: contextBefore, after: "")
            else { return nil }
            let range = text.wholeLines(found)
            let insertion =
                String(repeating: "\n", count: blanksBefore + 1) + newContent.joined(separator: "\n")
            return Edit(range: range.upperBound..<range.upperBound, replacement: insertion)
        }
        guard let anchor = old[hunk.oldRange.upperBound...].firstIndex(where: { !Self.isBlank($0) }) else {
            return nil
        }
        let blanksAfter = new[(lastContent + 1)...].prefix(while: Self.isBlank).count
        let contextAfter = old[(anchor + 1)..<min(old.count, anchor + 3)].joined(separator: " ")
        guard
            let found = text.locate(old[anchor], before: "", after: contextAfter)
                ?? lenient.locate(old[anchor], before: "", after: contextAfter)
        else { return nil }
        let range = text.wholeLines(found)
        let insertion = newContent.joined(separator: "\n") + String(repeating: "\n", count: blanksAfter + 1)
        return Edit(range: range.lowerBound..<range.lowerBound, replacement: insertion)
    }

    /// The part of a line that changed: the longest common start and end are context. With
    /// `snapToWords`, the span grows to whole words, so a changed word is found whole even
    /// when the file spells its neighbours' markup differently.
    static func changedSpan(
        _ old: String, _ new: String, snapToWords: Bool
    ) -> (prefix: String, old: String, new: String, suffix: String) {
        let oldCharacters = Array(old)
        let newCharacters = Array(new)
        var start = 0
        while start < oldCharacters.count, start < newCharacters.count,
            oldCharacters[start] == newCharacters[start]
        {
            start += 1
        }
        var oldEnd = oldCharacters.count
        var newEnd = newCharacters.count
        while oldEnd > start, newEnd > start, oldCharacters[oldEnd - 1] == newCharacters[newEnd - 1] {
            oldEnd -= 1
            newEnd -= 1
        }
        if snapToWords {
            while start > 0, !oldCharacters[start - 1].isWhitespace { start -= 1 }
            let grow = oldCharacters[oldEnd...].prefix { !$0.isWhitespace }.count
            if newCharacters[newEnd...].prefix(while: { !$0.isWhitespace }).count >= grow {
                oldEnd += grow
                newEnd += grow
            }
        }
        return (
            String(oldCharacters[..<start]), String(oldCharacters[start..<oldEnd]),
            String(newCharacters[start..<newEnd]), String(oldCharacters[oldEnd...])
        )
    }

    static func isBlank(_ line: String) -> Bool { line.allSatisfy(\.isWhitespace) }

    static func trimmingBlankLines(_ lines: [String]) -> [String] {
        guard let first = lines.firstIndex(where: { !isBlank($0) }),
            let last = lines.lastIndex(where: { !isBlank($0) })
        else { return [] }
        return Array(lines[first...last])
    }
}

/// A text seen with every run of whitespace (line breaks included) as one space, mapped back to
/// the original characters: a paragraph the converter writes on one line is found in a file
/// that wraps it.
struct NormalisedText: Sendable {
    let characters: [Character]
    /// Normalised characters, and for each the offset of the original character it stands for.
    private let normalised: [Character]
    private let origins: [Int]

    /// Characters Markdown spells in more than one way (emphasis, list and heading markers),
    /// left out when whole lines are looked for.
    static let markup: Set<Character> = ["*", "_", "-", "+", "#", ">"]
    private let ignored: Set<Character>

    init(_ text: String, ignoring ignored: Set<Character> = []) {
        characters = Array(text)
        self.ignored = ignored
        var normalised: [Character] = []
        var origins: [Int] = []
        var inSpace = false
        for (offset, character) in characters.enumerated() where !ignored.contains(character) {
            if character.isWhitespace {
                if !inSpace {
                    normalised.append(" ")
                    origins.append(offset)
                }
                inSpace = true
            } else {
                normalised.append(character)
                origins.append(offset)
                inSpace = false
            }
        }
        self.normalised = normalised
        self.origins = origins
    }

    func normalise(_ text: String) -> [Character] {
        var result: [Character] = []
        for character in text where !ignored.contains(character) {
            if character.isWhitespace {
                if result.last != " " { result.append(" ") }
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// The original range of the one place `needle` occurs with the most of `before` just
    /// before it and `after` just after it; nil when it does not occur, or when two places fit
    /// equally well (an edit is never guessed). An empty needle needs some context to place it.
    func locate(_ needle: String, before: String, after: String) -> Range<Int>? {
        var target = normalise(needle)
        while target.first == " " { target.removeFirst() }
        while target.last == " " { target.removeLast() }
        let left = Array(normalise(before).suffix(80))
        let right = Array(normalise(after).prefix(80))
        var best: (position: Int, score: Int)?
        var tie = false
        let last = normalised.count - target.count
        guard last >= 0 else { return nil }
        for position in 0...last where matches(target, at: position) {
            let score =
                contextScore(left, endingAt: position)
                + contextScore(right, startingAt: position + target.count)
            if let current = best {
                if score > current.score {
                    best = (position, score)
                    tie = false
                } else if score == current.score {
                    tie = true
                }
            } else {
                best = (position, score)
            }
        }
        guard let best, !tie else { return nil }
        if target.isEmpty && best.score < 8 { return nil }
        let lower = best.position < origins.count ? origins[best.position] : characters.count
        let end = best.position + target.count
        let upper = target.isEmpty ? lower : origins[end - 1] + 1
        return lower..<upper
    }

    /// `range` grown to the whole lines it touches (without the last line break).
    func wholeLines(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        while lower > 0, characters[lower - 1] != "\n" { lower -= 1 }
        var upper = range.upperBound
        while upper < characters.count, characters[upper] != "\n" { upper += 1 }
        return lower..<upper
    }

    /// `range` grown over the whitespace after it (or, at the end of the text, before it), so a
    /// removed paragraph takes its blank lines with it.
    func extendingOverFollowingWhitespace(_ range: Range<Int>) -> Range<Int> {
        var upper = range.upperBound
        while upper < characters.count, characters[upper].isWhitespace { upper += 1 }
        if upper < characters.count { return range.lowerBound..<upper }
        var lower = range.lowerBound
        while lower > 0, characters[lower - 1].isWhitespace { lower -= 1 }
        return lower..<range.upperBound
    }

    private func matches(_ target: [Character], at position: Int) -> Bool {
        for (offset, character) in target.enumerated() where normalised[position + offset] != character {
            return false
        }
        return true
    }

    /// How many characters of `context`, from its end, sit just before `position`; whitespace
    /// at the edges does not count against it.
    private func contextScore(_ context: [Character], endingAt position: Int) -> Int {
        var contextIndex = context.count - 1
        var index = position - 1
        if contextIndex >= 0, context[contextIndex] == " ", index >= 0, normalised[index] != " " {
            contextIndex -= 1
        }
        if index >= 0, normalised[index] == " ", contextIndex >= 0, context[contextIndex] != " " {
            index -= 1
        }
        var score = 0
        while contextIndex >= 0, index >= 0, context[contextIndex] == normalised[index] {
            score += 1
            contextIndex -= 1
            index -= 1
        }
        return score
    }

    private func contextScore(_ context: [Character], startingAt position: Int) -> Int {
        var contextIndex = 0
        var index = position
        if contextIndex < context.count, context[contextIndex] == " ", index < normalised.count,
            normalised[index] != " "
        {
            contextIndex += 1
        }
        if index < normalised.count, normalised[index] == " ", contextIndex < context.count,
            context[contextIndex] != " "
        {
            index += 1
        }
        var score = 0
        while contextIndex < context.count, index < normalised.count,
            context[contextIndex] == normalised[index]
        {
            score += 1
            contextIndex += 1
            index += 1
        }
        return score
    }
}
