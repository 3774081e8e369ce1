import WartaCore

/// One name, one kind across a store: the kinds the mentions of each name (case and separators folded) were given
/// in every article, and the clear majority, so that a name the tagger typed differently in one article ("Hamas" as
/// a place where no group word stood before it) joins the entity the other articles agree on.
///
/// A name is re-kinded only when at least two thirds of its mentions, and at least two of them, agree on another
/// kind; country and capital names stay places.
public struct NameKinds: Sendable {
    private var counts: [String: [EntityKind: Int]] = [:]
    private let lexicon: AliasLexicon

    public init(lexicon: AliasLexicon) {
        self.lexicon = lexicon
    }

    /// Counts the mentions of one article.
    public mutating func count(_ mentions: [EntityMention], body: String) {
        for mention in mentions {
            let key = AliasName(mention.span.text(in: body)).key
            guard !key.isEmpty else { continue }
            counts[key, default: [:]][mention.kind, default: 0] += 1
        }
    }

    /// The kind most mentions of `key` have, when it is a clear majority (two thirds, two mentions at least).
    public func majority(_ key: String) -> EntityKind? {
        guard let kinds = counts[key] else { return nil }
        let total = kinds.values.reduce(0, +)
        guard
            let best = kinds.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key.rawValue > $1.key.rawValue }
            ),
            best.value >= 2, best.value * 3 >= total * 2
        else { return nil }
        return best.key
    }

    /// `mentions` with each name given its store-wide majority kind (see the type's documentation).
    public func harmonised(_ mentions: [EntityMention], body: String) -> [EntityMention] {
        mentions.map { mention in
            let name = AliasName(mention.span.text(in: body))
            guard let kind = majority(name.key), kind != mention.kind, lexicon.country(for: name) == nil,
                lexicon.capital(for: name) == nil
            else { return mention }
            var changed = mention
            changed.kind = kind
            return changed
        }
    }
}
