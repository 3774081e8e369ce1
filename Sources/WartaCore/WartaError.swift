/// An error as users see it: a stable code, a message that quotes the offending value, and a hint.
///
/// ```
/// error[W0201]: no article with id 42. Known ids run from 1 to 2.
/// ```
public struct WartaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable code such as `W0201`; documented in README, never reused.
    public var code: String
    public var message: String
    /// What to do about it, if anything helps.
    public var hint: String?

    public init(code: String, message: String, hint: String? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
    }

    /// The one rendering of an error, used by the CLI (and tested word for word).
    public var description: String {
        var text = "error[\(code)]: \(message)"
        if let hint { text += "\nhint: \(hint)" }
        return text
    }
}

extension WartaError {
    public static func unknownArticle(_ id: ArticleID) -> WartaError {
        WartaError(code: "W0201", message: "no article with id \(id)", hint: "run `warta articles` to list them")
    }
    public static func database(path: String, reason: String) -> WartaError {
        WartaError(code: "W0301", message: "cannot open database \"\(path)\": \(reason)")
    }
    /// A statement an open database refused or could not finish (a lost connection, a constraint).
    public static func databaseFailed(path: String, reason: String) -> WartaError {
        WartaError(code: "W0302", message: "database \"\(path)\" failed: \(reason)")
    }
    public static func emptyQuery(_ query: String) -> WartaError {
        WartaError(
            code: "W0401",
            message: "the query \"\(query)\" has no words to search for",
            hint: "search for words, e.g. `warta search berunding`"
        )
    }
}
