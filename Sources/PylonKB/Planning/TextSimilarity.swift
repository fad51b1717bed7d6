/// How alike two articles' texts are, from 0 (nothing shared) to 1 (the same words in the same
/// order). Rename detection uses it to pair a new article with the removed article it came from.
///
/// The measure is the Jaccard index of word 3-shingles, so reordering paragraphs or editing a
/// few sentences keeps the score high while unrelated articles on the same topic stay low.
/// A MinHash signature estimates it cheaply, so a run with a thousand new and a thousand
/// removed articles compares a million pairs in well under a second; the final score shown to
/// users is the exact value.
public struct TextFingerprint: Sendable, Hashable {
    /// Sorted, de-duplicated shingle hashes.
    public let shingles: [UInt64]
    /// MinHash signature over `shingles`.
    let signature: [UInt64]

    static let signatureLength = 64
    static let shingleWidth = 3

    public init(text: String) {
        let unique = TextFingerprint.shingleHashes(of: text)
        shingles = unique
        signature = (0..<TextFingerprint.signatureLength).map { seed in
            let salt = SplitMix.mix(UInt64(seed) &+ 0x9E37_79B9_7F4A_7C15)
            return unique.lazy.map { SplitMix.mix($0 ^ salt) }.min() ?? .max
        }
    }

    /// The sorted, de-duplicated shingle hashes of `text`, without the MinHash signature (for
    /// containment, which needs only these).
    public static func shingleHashes(of text: String) -> [UInt64] {
        let words = TextFingerprint.words(of: text)
        var hashes: [UInt64] = []
        if words.count < TextFingerprint.shingleWidth {
            if !words.isEmpty { hashes.append(TextFingerprint.hash(words.joined(separator: " "))) }
        } else {
            hashes.reserveCapacity(words.count)
            for start in 0...(words.count - TextFingerprint.shingleWidth) {
                let shingle = words[start..<(start + TextFingerprint.shingleWidth)].joined(separator: " ")
                hashes.append(TextFingerprint.hash(shingle))
            }
        }
        return Array(Set(hashes)).sorted()
    }

    /// An estimate of `similarity(to:)` from the signatures.
    public func estimatedSimilarity(to other: TextFingerprint) -> Double {
        if shingles.isEmpty || other.shingles.isEmpty {
            return shingles.isEmpty && other.shingles.isEmpty ? 1 : 0
        }
        var equal = 0
        for index in 0..<TextFingerprint.signatureLength where signature[index] == other.signature[index] {
            equal += 1
        }
        return Double(equal) / Double(TextFingerprint.signatureLength)
    }

    /// The exact Jaccard index of the two shingle sets.
    public func similarity(to other: TextFingerprint) -> Double {
        if shingles.isEmpty || other.shingles.isEmpty {
            return shingles.isEmpty && other.shingles.isEmpty ? 1 : 0
        }
        let common = commonCount(with: other)
        let union = shingles.count + other.shingles.count - common
        return Double(common) / Double(union)
    }

    /// The share of this text's shingles found in `other`, 0–1: how much of this page is in
    /// that one. Unlike Jaccard it does not fall when `other` is much longer, so a page merged
    /// into a bigger one still scores high. An empty text is contained nowhere (0).
    public func containment(in other: TextFingerprint) -> Double {
        guard !shingles.isEmpty else { return 0 }
        return Double(commonCount(with: other)) / Double(shingles.count)
    }

    private func commonCount(with other: TextFingerprint) -> Int {
        var left = 0
        var right = 0
        var common = 0
        while left < shingles.count, right < other.shingles.count {
            if shingles[left] == other.shingles[right] {
                common += 1
                left += 1
                right += 1
            } else if shingles[left] < other.shingles[right] {
                left += 1
            } else {
                right += 1
            }
        }
        return common
    }

    private static func words(of text: String) -> [Substring] {
        text.split { !$0.isLetter && !$0.isNumber }.map { Substring($0.lowercased()) }
    }

    /// FNV-1a: stable across runs and platforms, unlike `Hasher`.
    private static func hash(_ string: String) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in string.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
        return value
    }
}

/// Pairs new articles with removed ones whose text is alike, refusing to guess when a match is
/// not clear: a pair is accepted only when each side is the other's best match, the score
/// reaches the threshold, and no other candidate comes within `ambiguityMargin` of it.
public struct SimilarityMatcher: Sendable {
    public var threshold: Double
    public var ambiguityMargin: Double

    public init(threshold: Double = 0.8, ambiguityMargin: Double = 0.05) {
        self.threshold = threshold
        self.ambiguityMargin = ambiguityMargin
    }

    public struct Match: Sendable, Hashable {
        public var added: Int
        public var removed: Int
        public var score: Double
    }

    public struct Ambiguity: Sendable, Hashable {
        public var added: Int
        /// Candidates (indices into `removed`) that scored too close to call, best first.
        public var candidates: [Int]
        public var scores: [Double]
    }

    public struct Result: Sendable {
        public var matches: [Match]
        public var ambiguities: [Ambiguity]
    }

    /// Matches `added` fingerprints against `removed` ones.
    public func match(added: [TextFingerprint], removed: [TextFingerprint]) -> Result {
        guard !added.isEmpty, !removed.isEmpty else { return Result(matches: [], ambiguities: []) }
        // Estimates prune; exact scores decide. A candidate within 0.15 of the threshold by
        // estimate is scored exactly (MinHash with 64 hashes has a standard error near 0.06).
        let prune = max(0, threshold - 0.15)
        var scores: [[(Int, Double)]] = Array(repeating: [], count: added.count)
        for (addedIndex, addedPrint) in added.enumerated() {
            for (removedIndex, removedPrint) in removed.enumerated()
            where addedPrint.estimatedSimilarity(to: removedPrint) >= prune {
                let exact = addedPrint.similarity(to: removedPrint)
                if exact >= threshold - ambiguityMargin { scores[addedIndex].append((removedIndex, exact)) }
            }
            scores[addedIndex].sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        }
        // Best added candidate for each removed article, to require mutual best matches.
        var bestForRemoved: [Int: (added: Int, score: Double, runnerUp: Double)] = [:]
        for (addedIndex, candidates) in scores.enumerated() {
            for (removedIndex, score) in candidates {
                if let current = bestForRemoved[removedIndex] {
                    if score > current.score {
                        bestForRemoved[removedIndex] = (addedIndex, score, current.score)
                    } else {
                        bestForRemoved[removedIndex] = (
                            current.added, current.score, max(current.runnerUp, score)
                        )
                    }
                } else {
                    bestForRemoved[removedIndex] = (addedIndex, score, 0)
                }
            }
        }
        var matches: [Match] = []
        var ambiguities: [Ambiguity] = []
        for (addedIndex, candidates) in scores.enumerated() {
            guard let best = candidates.first, best.1 >= threshold else { continue }
            let close = candidates.filter { best.1 - $0.1 < ambiguityMargin }
            let reverse = bestForRemoved[best.0]
            let mutual =
                reverse?.added == addedIndex && (reverse!.score - reverse!.runnerUp) >= ambiguityMargin
            if close.count == 1 && mutual {
                matches.append(Match(added: addedIndex, removed: best.0, score: best.1))
            } else {
                ambiguities.append(
                    Ambiguity(added: addedIndex, candidates: close.map(\.0), scores: close.map(\.1)))
            }
        }
        return Result(matches: matches, ambiguities: ambiguities)
    }
}
