/// The sending side of the wire: requests carry only what is set (synthesised `Encodable` uses
/// `encodeIfPresent`, so nil fields are left out, never `null`), and an optional id is left out
/// when blank, since `""` reads as "none" on the wire and must not be sent as if it were an id.
extension KeyedEncodingContainer {
    mutating func encodeID(_ id: String?, forKey key: Key) throws {
        guard let id = WireNumber.id(id) else { return }
        try encode(id, forKey: key)
    }
}
