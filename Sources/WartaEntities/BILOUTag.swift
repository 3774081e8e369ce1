import WartaCore

/// The tags the sequence model predicts: `O` and Begin/Inside/Last/Unit for each entity kind.
///
/// Training data in BIO is converted to BILOU (Ratinov & Roth 2009 found it better), and predictions are
/// turned back into spans.
package enum BILOUTag {
    /// The number of tags: `O` plus four positions for each of the three kinds.
    package static let count = 13

    /// The position of a token within an entity.
    package enum Position: Int, Sendable {
        case begin = 0, inside, last, unit
    }

    /// The entity kinds in tag order.
    package static let kinds: [EntityKind] = [.person, .organisation, .place]

    /// The tag index of `O`.
    package static let outside = 0

    /// The tag index for a position within an entity of a kind.
    @inline(__always)
    package static func index(_ kind: Int, _ position: Position) -> Int { 1 + kind * 4 + position.rawValue }

    /// The kind index (0, 1, 2) of a tag, or -1 for `O`.
    @inline(__always)
    package static func kind(of tag: Int) -> Int { tag == 0 ? -1 : (tag - 1) / 4 }

    /// The position of a non-`O` tag.
    @inline(__always)
    package static func position(of tag: Int) -> Position { Position(rawValue: (tag - 1) % 4) ?? .unit }

    /// A printable name such as `B-PERSON` or `O`.
    package static func name(_ tag: Int) -> String {
        guard tag > 0 else { return "O" }
        let prefix = ["B", "I", "L", "U"][(tag - 1) % 4]
        return prefix + "-" + kinds[kind(of: tag)].rawValue
    }

    /// Whether `tag` may follow `previous` (`previous` is -1 at the start of a sentence).
    @inline(__always)
    package static func allowed(_ previous: Int, _ tag: Int) -> Bool {
        let previousOpen = previous > 0 && (position(of: previous) == .begin || position(of: previous) == .inside)
        if tag == 0 { return !previousOpen }
        let pos = position(of: tag)
        if pos == .begin || pos == .unit { return !previousOpen }
        return previousOpen && kind(of: previous) == kind(of: tag)
    }

    /// Whether a sentence may end on `tag`.
    @inline(__always)
    package static func canEnd(_ tag: Int) -> Bool {
        tag == 0 || position(of: tag) == .last || position(of: tag) == .unit
    }

    /// Maps a NERGrit or NERP label kind to Warta's kind index: PERSON/PPL → person, ORGANISATION/IND → organisation,
    /// PLACE/PLC → place; anything else (NERP's EVT, FNB) → nil, read as `O`.
    package static func kindIndex(label: Substring) -> Int? {
        switch label {
        case "PERSON", "PER", "PPL": return 0
        case "ORGANISATION", "ORGANIZATION", "ORG", "IND": return 1
        case "PLACE", "LOC", "GPE", "PLC": return 2
        default: return nil
        }
    }

    /// The spans `[start, end)` in token indices with their kind index, read from BILOU tags.
    package static func spans(_ tags: [Int]) -> [EntitySpan] {
        var result: [EntitySpan] = []
        var start = -1
        for (index, tag) in tags.enumerated() {
            if tag == 0 {
                start = -1
                continue
            }
            switch position(of: tag) {
            case .unit:
                result.append(EntitySpan(start: index, end: index + 1, kind: kind(of: tag)))
                start = -1
            case .begin:
                start = index
            case .inside:
                if start < 0 { start = index }
            case .last:
                result.append(EntitySpan(start: start < 0 ? index : start, end: index + 1, kind: kind(of: tag)))
                start = -1
            }
        }
        return result
    }

    /// Converts spans over `count` tokens to BILOU tags.
    package static func tags(spans: [EntitySpan], count: Int) -> [Int] {
        var tags = [Int](repeating: 0, count: count)
        for span in spans where span.start >= 0 && span.end <= count && span.start < span.end {
            if span.end - span.start == 1 {
                tags[span.start] = index(span.kind, .unit)
                continue
            }
            tags[span.start] = index(span.kind, .begin)
            for inner in (span.start + 1)..<(span.end - 1) { tags[inner] = index(span.kind, .inside) }
            tags[span.end - 1] = index(span.kind, .last)
        }
        return tags
    }
}

/// An entity as a range of token indices with a kind index (0 person, 1 organisation, 2 place).
package struct EntitySpan: Hashable, Sendable {
    package var start: Int
    package var end: Int
    package var kind: Int

    package init(start: Int, end: Int, kind: Int) {
        self.start = start
        self.end = end
        self.kind = kind
    }
}
