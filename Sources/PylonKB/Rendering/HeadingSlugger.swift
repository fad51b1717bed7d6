/// GitHub-style heading ids: lower-cased, punctuation removed, spaces turned into `-`, and
/// repeats numbered `-1`, `-2`, … in document order, so links written for GitHub keep working.
struct HeadingSlugger {
    private var used: Set<String> = []

    /// A unique id for a heading with this text. Headings without any letter or digit get
    /// `section` (GitHub would give them an empty id, which no link can target).
    mutating func slug(for text: String) -> String {
        var base = ""
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // The common case, without Unicode property lookups.
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count)
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 0x20)
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                    UInt8(ascii: "-"), UInt8(ascii: "_"):
                    bytes.append(byte)
                case UInt8(ascii: " "): bytes.append(UInt8(ascii: "-"))
                default: break
                }
            }
            base = String(decoding: bytes, as: UTF8.self)
        } else {
            base = Self.unicodeSlug(text)
        }
        if base.isEmpty { base = "section" }
        var candidate = base
        var counter = 0
        while used.contains(candidate) {
            counter += 1
            candidate = "\(base)-\(counter)"
        }
        used.insert(candidate)
        return candidate
    }

    /// An id the author chose (`## Title {#id}`): kept as written, and later slugs avoid it.
    mutating func reserve(_ id: String) -> String {
        used.insert(id)
        return id
    }

    private static func unicodeSlug(_ text: String) -> String {
        var base = ""
        for scalar in text.lowercased().unicodeScalars {
            let properties = scalar.properties
            if scalar == " " {
                base += "-"
            } else if scalar == "-" || scalar == "_" || properties.isAlphabetic
                || properties.numericType != nil || properties.generalCategory == .nonspacingMark
                || properties.generalCategory == .spacingMark
            {
                base.unicodeScalars.append(scalar)
            }
        }
        return base
    }
}
