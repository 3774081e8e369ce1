import Foundation
import PostgresNIO
import WartaStore

/// A search expression as SQL over the `title_vector` and `body_vector` columns: a boolean predicate for which
/// articles match, and the `tsquery` of its positive terms for ranking them. Every term is a bound parameter; the
/// SQL text comes only from the expression's shape, so no user input is read as SQL or as `tsquery` syntax.
struct PostgresSearch {
    /// Every term a bound parameter, numbered as the statement's placeholders.
    private let sql = SQLConditions()
    private var positives: [String] = []

    /// The predicate, and the ranking query; `nil` when the expression has no term.
    static func compile(_ expression: SearchExpression) -> (predicate: String, rank: String, binds: PostgresBindings)? {
        var search = PostgresSearch()
        guard let predicate = search.predicate(expression, positive: true), !search.positives.isEmpty else {
            return nil
        }
        return (predicate, "(" + search.positives.joined(separator: " || ") + ")", search.sql.binds)
    }

    private func parameter(_ text: String) -> String { sql.bind(text) }

    private mutating func predicate(_ expression: SearchExpression, positive: Bool) -> String? {
        switch expression {
        case .phrase(let positions, let field):
            let clean = positions.map { $0.map(Self.fold).filter { !$0.isEmpty } }.filter { !$0.isEmpty }
            guard !clean.isEmpty else { return nil }
            // One phrase per reading (each position's first, second, … term), as the SQLite store matches them.
            let readings = (0..<(clean.map(\.count).max() ?? 1)).map { reading in
                clean.map { $0[min(reading, $0.count - 1)] }.joined(separator: " ")
            }
            var seen = Set<String>()
            let queries = readings.filter { seen.insert($0).inserted }.map {
                "phraseto_tsquery('simple', \(parameter($0)))"
            }
            return leaf("(" + queries.joined(separator: " || ") + ")", field: field, positive: positive)
        case .prefix(let text, let field):
            // Only letters and digits reach `to_tsquery`, so its operators cannot be written into a prefix.
            let kept = String(String.UnicodeScalarView(Self.fold(text).unicodeScalars.filter(Self.isWordScalar)))
            guard !kept.isEmpty else { return nil }
            return leaf("to_tsquery('simple', \(parameter(kept)) || ':*')", field: field, positive: positive)
        case .and(let parts), .or(let parts):
            let operands = parts.compactMap { predicate($0, positive: positive) }
            guard !operands.isEmpty else { return nil }
            if case .and = expression { return "(" + operands.joined(separator: " AND ") + ")" }
            return "(" + operands.joined(separator: " OR ") + ")"
        case .not(let kept, let dropped):
            guard let keptPredicate = predicate(kept, positive: positive) else { return nil }
            guard let droppedPredicate = predicate(dropped, positive: false) else { return keptPredicate }
            return "(" + keptPredicate + " AND NOT " + droppedPredicate + ")"
        }
    }

    private mutating func leaf(_ query: String, field: SearchExpression.Field?, positive: Bool) -> String {
        if positive { positives.append(query) }
        if field == .title { return "(title_vector @@ \(query))" }
        return "(title_vector @@ \(query) OR body_vector @@ \(query))"
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// Terms without diacritics, as SQLite's `unicode61 remove_diacritics` indexes them ("café" → "cafe").
    static func fold(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x80 }) else { return text }
        return text.folding(options: [.diacriticInsensitive], locale: nil)
    }

    /// At most `limit` bytes of `terms`, cut at a space: `tsvector` values are limited to 1 MB.
    static func capped(_ terms: String, limit: Int = 400_000) -> String {
        let utf8 = terms.utf8
        guard utf8.count > limit else { return terms }
        var end = utf8.index(utf8.startIndex, offsetBy: limit)
        while end > utf8.startIndex && utf8[end] != UInt8(ascii: " ") { end = utf8.index(before: end) }
        return String(terms[..<end])
    }
}
