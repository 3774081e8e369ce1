/// The languages Warta knows; everything else is `other`.
public enum LanguageCode: String, Codable, Sendable, CaseIterable {
    case indonesian = "id"
    case english = "en"
    case malay = "ms"
    case other = "other"
}
