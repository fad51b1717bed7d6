/// The four callout kinds Pylon articles show, and the many names authors use for them
/// (GitHub alerts, Docusaurus, MkDocs Material, Obsidian).
enum CalloutKind: String, Sendable, CaseIterable {
    case note
    case tip
    case warning
    case danger

    /// The label's emoji; a custom title replaces only the text after it.
    var emoji: String {
        switch self {
        case .note: "ℹ️"
        case .tip: "💡"
        case .warning: "⚠️"
        case .danger: "🚨"
        }
    }

    var defaultTitle: String {
        switch self {
        case .note: "Note"
        case .tip: "Tip"
        case .warning: "Warning"
        case .danger: "Danger"
        }
    }

    /// GitHub's IMPORTANT asks the reader to act, so it reads as a warning; GitHub's CAUTION
    /// is red there (risk of harm or loss), so it is a danger here (Docusaurus' yellow
    /// `caution` is the same word with the milder meaning; GitHub's is the more common source).
    static let aliases: [String: CalloutKind] = [
        "note": .note, "info": .note, "abstract": .note, "summary": .note, "tldr": .note,
        "todo": .note, "seealso": .note, "quote": .note, "cite": .note,
        "tip": .tip, "hint": .tip, "success": .tip, "check": .tip, "done": .tip, "example": .tip,
        "question": .tip, "help": .tip, "faq": .tip,
        "warning": .warning, "warn": .warning, "important": .warning, "attention": .warning,
        "danger": .danger, "caution": .danger, "error": .danger, "failure": .danger, "fail": .danger,
        "missing": .danger, "bug": .danger,
    ]

    static func named(_ name: String) -> CalloutKind? {
        aliases[name.lowercased()]
    }
}
