/// How the emulator writes its JSON and stores HTML: the shapes a real server may produce,
/// so that no test passes only because the emulator and the client share assumptions.
///
/// `docs/emulator.md` lists what each profile does; `shared` contract: "The wire as a Go server
/// writes it".
public enum WireProfile: String, Sendable, CaseIterable, Codable {
    /// Today's output: fields present only when set, stable field order, HTML stored as sent.
    case tidy
    /// What a Go encoder writes: every schema field present, unset strings as `""`, booleans as
    /// `false`, numbers as `0`, arrays as `[]` or `null`, objects as `null`.
    case go
    /// A hostile mix: arbitrary field order, unknown extra fields, `identifier` as a number or a
    /// string, timestamp variants, and stored HTML normalised on write (whitespace between tags
    /// collapsed, attributes reordered, entity and void-tag spellings changed).
    case hostile
}

/// Which API the emulator serves.
public enum APISurface: String, Sendable, CaseIterable, Codable {
    /// Exactly `openapi-kb.json` and `openapi-tags.json`: no collection PATCH, no
    /// `is_published`/`tag_ids` on the article PATCH, no review requests, `/me` without a user;
    /// a request field outside the schema is answered 400 naming the field.
    case documented
    /// The newer surface seen on Pylon's live API (the contract's "Newer surface").
    case current
}
