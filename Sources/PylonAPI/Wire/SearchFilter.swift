/// Pylon's `Filter` schema: a field, an operator and a value, or sub-filters for `and`/`or`.
/// Used by `POST /users/search` and by a visibility config's customer condition.
public struct SearchFilter: Sendable, Codable, Hashable {
    public var field: String?
    public var `operator`: String?
    public var value: String?
    public var values: [String]?
    public var subfilters: [SearchFilter]?

    public init(
        field: String? = nil, operator: String? = nil, value: String? = nil, values: [String]? = nil,
        subfilters: [SearchFilter]? = nil
    ) {
        self.field = field
        self.operator = `operator`
        self.value = value
        self.values = values
        self.subfilters = subfilters
    }

    /// `{"field": field, "operator": "equals", "value": value}`.
    public static func equals(_ field: String, _ value: String) -> SearchFilter {
        SearchFilter(field: field, operator: "equals", value: value)
    }

    enum CodingKeys: String, CodingKey {
        case field, `operator`, value, values, subfilters
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        field = c.lenientText(.field)
        `operator` = c.lenientText(.operator)
        // A filter value is data, kept as sent (numbers as strings); only `""` means "not set".
        value = c.lenientString(.value).flatMap { $0.isEmpty ? nil : $0 }
        values = c.lenientStrings(.values)
        subfilters = c.lenientArray(.subfilters, as: SearchFilter.self)?.filter { !$0.isZeroValue }
    }
}

extension SearchFilter: WireZeroValue {
    var isZeroValue: Bool {
        field == nil && `operator` == nil && value == nil && (values ?? []).isEmpty
            && (subfilters ?? []).isEmpty
    }
}
