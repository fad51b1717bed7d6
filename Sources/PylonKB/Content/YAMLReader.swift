// libyaml itself, as Yams builds it: Yams' public API only composes whole trees, and the
// anchor/alias and depth check below must run on the event stream before any tree exists.
internal import CYaml
import Yams

/// Parses the small YAML documents pylon-kb reads (front matter, `pylon-kb.yml`,
/// `_collection.yml`) into Yams nodes, refusing anchors and aliases first.
///
/// Why refuse them: an alias expands to a copy of what it names, so a few hundred bytes of
/// nested aliases ("billion laughs") become billions of nodes once anything walks the tree,
/// and Yams hashes mapping keys while it builds the tree. Help-center metadata never needs
/// them, so the raw libyaml event stream is scanned (linear in the input, no tree built) and
/// the first anchor or alias is reported before Yams composes anything.
public enum YAMLReader {
    /// A YAML problem with the 1-based line in the YAML text.
    public struct Failure: Error, Sendable, Equatable {
        public var line: Int
        public var message: String

        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }
    }

    /// Parses `text` as one YAML document. Returns nil for an empty document.
    /// `anchors`: anchors and aliases are read (site configurations such as a Docsy `hugo.yaml`
    /// name a mapping once and reuse it), as long as the document, with every alias expanded,
    /// holds at most `maximumExpandedNodes` values; a "billion laughs" document is refused at
    /// the alias that crosses the bound, before any tree exists.
    public static func parse(_ text: String, anchors: Bool = false) throws(Failure) -> Node? {
        try scanEvents(in: text, anchors: anchors)
        do {
            // An explicit encoding: Yams' default reads the process environment on every parser,
            // which was a tenth of `check`'s time on 10,000 articles.
            return try Parser(yaml: text, encoding: .utf8).singleRoot()
        } catch let error as YamlError {
            throw failure(from: error)
        } catch {
            throw Failure(line: 1, message: "The YAML could not be read: \(error).")
        }
    }

    /// Deepest nesting of lists and mappings accepted.
    public static let maximumDepth = 32

    /// Most values a document with anchors may hold once its aliases are expanded.
    public static let maximumExpandedNodes = 100_000

    /// Scans libyaml's events for nesting deeper than `maximumDepth` and, unless `anchors`,
    /// throws at the first anchor (`&name`) or alias (`*name`); with `anchors`, counts the
    /// values each alias stands for. Syntax errors are left to `Parser`, which reports them
    /// with more context.
    static func scanEvents(in text: String, anchors: Bool = false) throws(Failure) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            preconditionFailure("libyaml could not allocate a parser")
        }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        let found: Failure? = bytes.withUnsafeMutableBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            // Per open list or mapping: its anchor (if any) and how many values it holds so far,
            // aliases expanded; a finished anchored one records its size for later aliases.
            var open: [(anchor: String?, size: Int)] = []
            var anchorSizes: [String: Int] = [:]
            var total = 0
            func count(_ size: Int) {
                total += size
                for index in open.indices { open[index].size += size }
            }
            func anchorName(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
                pointer.map { String(cString: $0) }
            }
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                let line = Int(event.start_mark.line) + 1
                var anchor: String?
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    anchor = anchorName(
                        event.type == YAML_SEQUENCE_START_EVENT
                            ? event.data.sequence_start.anchor : event.data.mapping_start.anchor)
                    count(1)
                    open.append((anchor, 1))
                    // Yams builds and walks the tree recursively; metadata is never this deep,
                    // and a bound keeps a crafted file from exhausting the stack.
                    if open.count > maximumDepth {
                        return Failure(
                            line: line,
                            message:
                                "The YAML nests lists or mappings more than \(maximumDepth) levels deep; front matter needs only a few."
                        )
                    }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    if let closed = open.popLast(), let name = closed.anchor {
                        anchorSizes[name] = closed.size
                    }
                case YAML_SCALAR_EVENT:
                    anchor = anchorName(event.data.scalar.anchor)
                    count(1)
                    if let anchor { anchorSizes[anchor] = 1 }
                case YAML_ALIAS_EVENT:
                    let name = anchorName(event.data.alias.anchor) ?? ""
                    guard anchors else {
                        return Failure(
                            line: line,
                            message: "YAML aliases (*\(name)) are not supported; write the value out in full."
                        )
                    }
                    count(anchorSizes[name] ?? 1)
                    if total > maximumExpandedNodes {
                        return Failure(
                            line: line,
                            message:
                                "The YAML's aliases (*\(name)) expand to more than \(maximumExpandedNodes) values; write the values out instead."
                        )
                    }
                default:
                    continue
                }
                if anchor != nil && !anchors {
                    return Failure(
                        line: line,
                        message: "YAML anchors (&name) are not supported; write each value out in full.")
                }
            }
        }
        if let found { throw found }
    }

    private static func failure(from error: YamlError) -> Failure {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            // libyaml reports where it gave up; for "end of stream" that is the last line,
            // so the line where the unfinished construct started is more useful.
            var position = mark
            var message = problem
            if let context {
                message += " \(context.text)"
                if problem.contains("end of stream") { position = context.mark }
            }
            return Failure(
                line: max(position.line, 1),
                message: "The YAML is malformed: \(message) (column \(position.column)).")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "`\($0)`" }.joined(separator: ", ")
            return Failure(
                line: max(context.mark.line, 1),
                message: "The YAML repeats the key \(keys); keep one.")
        case .reader(let problem, _, _, _):
            return Failure(line: 1, message: "The YAML could not be read: \(problem).")
        default:
            return Failure(line: 1, message: "The YAML could not be read: \(error).")
        }
    }
}
