import Foundation
import WartaCore

/// A closing credit line: "(Tribunnews.com, Andari Ulan Nugrahani)", "(Kompas.com/Nama Penulis)", or an editor's
/// code such as "(mg/rin)".
struct CreditLine: Equatable {
    var domain: String?
    var byline: String?

    private static let maxLength = 100

    /// Reads `line` as a credit line, if it is one.
    static func read(_ line: String) -> CreditLine? {
        guard line.hasPrefix("("), line.hasSuffix(")"), line.utf8.count <= maxLength else { return nil }
        let inner = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
        guard !inner.isEmpty, !inner.contains("(") else { return nil }
        let parts = inner.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "," || $0 == "/" })
            .map { $0.trimmedFast(.whitespaces) }
        guard let head = parts.first else { return nil }
        if let domain = PlainTextExtractor.domain(from: head) {
            let names = parts.dropFirst().filter(isName)
            return CreditLine(domain: domain, byline: names.isEmpty ? nil : names.joined(separator: ", "))
        }
        // An editor's code: letters, slashes and spaces only, short, and either lower-case ("mg/rin") or with a
        // slash ("Cas/Isk").
        let codeCharacters = inner.allSatisfy { $0.isLetter || $0 == "/" || $0 == " " || $0 == "-" }
        let isCode =
            inner.utf8.count <= 24 && codeCharacters && (inner.contains("/") || inner.allSatisfy { !$0.isUppercase })
        return isCode ? CreditLine(domain: nil, byline: nil) : nil
    }

    /// A person's name: one to five capitalised words.
    private static func isName(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        guard (1...5).contains(words.count) else { return false }
        return words.allSatisfy { $0.first?.isUppercase == true }
    }
}
