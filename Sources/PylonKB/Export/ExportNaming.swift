/// Safe, deterministic file and folder names for `pylon-kb export`, whatever a slug contains.
///
/// A name is lowercase `a`–`z`, digits and single hyphens, at most `maximumLength` characters:
/// no `/`, `..`, dots (a dot would make `install.fr` read as a translation), control characters,
/// leading `_` or `.` (the loader ignores those), and never a name Windows reserves. Names that
/// would collide in one folder, also when compared without case, get `-2`, `-3`… in the order
/// the caller offers them.
struct ExportNaming {
    static let maximumLength = 80

    /// Names Windows refuses for files and folders, whatever the extension.
    static let reservedNames: Set<String> = {
        var names: Set<String> = ["con", "prn", "aux", "nul"]
        for number in 1...9 {
            names.insert("com\(number)")
            names.insert("lpt\(number)")
        }
        return names
    }()

    /// Lowercased names already used in this folder.
    private var taken: Set<String>

    init(reserved: Set<String> = []) {
        taken = Set(reserved.map { $0.lowercased() })
    }

    /// The safe form of `text`, or `fallback` when nothing of it survives.
    static func base(_ text: String, fallback: String) -> String {
        var result = ""
        var pendingHyphen = false
        for scalar in text.lowercased().unicodeScalars {
            let isKept = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
            if isKept {
                if pendingHyphen && !result.isEmpty { result += "-" }
                pendingHyphen = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
            if result.count >= maximumLength { break }
        }
        result = String(result.prefix(maximumLength))
        while result.hasSuffix("-") { result.removeLast() }
        return result.isEmpty ? fallback : result
    }

    /// Claims a name for `text` in this folder: its safe form, or the first free `-N` variant.
    mutating func claim(_ text: String, fallback: String) -> String {
        let base = Self.base(text, fallback: fallback)
        var candidate = base
        var number = 1
        while taken.contains(candidate) || Self.reservedNames.contains(candidate) {
            number += 1
            candidate = "\(base)-\(number)"
        }
        taken.insert(candidate)
        return candidate
    }

    /// Claims a file name `stem.ext` (an image), keeping the extension.
    mutating func claimFile(stem: String, extension ext: String, fallback: String) -> String {
        let base = Self.base(stem, fallback: fallback)
        var candidate = base
        var number = 1
        while taken.contains("\(candidate).\(ext)") || Self.reservedNames.contains(candidate) {
            number += 1
            candidate = "\(base)-\(number)"
        }
        taken.insert("\(candidate).\(ext)")
        return "\(candidate).\(ext)"
    }
}
