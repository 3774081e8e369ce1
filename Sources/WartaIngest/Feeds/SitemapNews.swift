import Foundation

/// A Google News sitemap entry (`<news:news>`): the publication, the article's date and title.
public struct SitemapNews: Sendable, Equatable {
    /// `news:publication/news:name`, e.g. `detikcom`.
    public var publicationName: String?
    /// `news:publication/news:language`, e.g. `id`.
    public var language: String?
    /// `news:publication_date`, read as a date.
    public var publicationDate: Date?
    /// `news:publication_date` as the sitemap wrote it.
    public var publicationDateText: String?
    /// `news:title`, as plain text.
    public var title: String?
    /// `news:keywords`, split at commas.
    public var keywords: [String]

    public init(
        publicationName: String? = nil, language: String? = nil, publicationDate: Date? = nil,
        publicationDateText: String? = nil, title: String? = nil, keywords: [String] = []
    ) {
        self.publicationName = publicationName
        self.language = language
        self.publicationDate = publicationDate
        self.publicationDateText = publicationDateText
        self.title = title
        self.keywords = keywords
    }
}
