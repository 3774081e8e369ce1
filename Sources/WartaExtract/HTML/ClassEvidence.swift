import WartaHTML

/// What an element's `class` and `id` words say about it: boilerplate to cut, or a weight for scoring.
///
/// Words are read lower-case and split at every character that is not a letter or digit
/// (`"article-body sidebar_left"` → article, body, sidebar, left). A few compound roots are also found inside
/// words (`"leftsidebar"`, `"commentlist"`). The vocabulary follows Readability's and trafilatura's lists
/// (../shared/notes/extraction-methods.md §2–3); it names kinds of boxes, never sites.
struct ClassEvidence: Equatable, Sendable {
    /// The element is boilerplate (comments, share bars, related lists, ads, cookie and newsletter boxes, …).
    var isBoilerplate: Bool
    /// Boilerplate only when the element holds little text: captions, credits, tags, bylines, meta lines.
    var isMinorBoilerplate: Bool
    /// Readability-style weight: +25 for content words, −25 for boilerplate words.
    var weight: Int
    /// The words name an article body container (`article-body`, `entry-content`, `itemprop=articleBody`).
    var isBodyHint: Bool

    static let neutral = ClassEvidence(isBoilerplate: false, isMinorBoilerplate: false, weight: 0, isBodyHint: false)

    /// Reads the evidence of one `class` + `id` string.
    /// - Complexity: O(n) in the length of the string.
    init(classAndID: String) {
        // Lower-case ASCII words; bytes of other scripts count as letters.
        var words: [String] = []
        var current: [UInt8] = []
        for byte in classAndID.utf8 {
            let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            let isWordByte = (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) || lower >= 0x80
            if isWordByte {
                current.append(lower)
            } else if !current.isEmpty {
                words.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
        var negative = false
        var definite = false
        var minor = false
        var positive = false
        var bodyHint = false
        for (offset, word) in words.enumerated() {
            if Self.strongNegative.contains(word) { negative = true }
            if Self.definiteNegative.contains(word) { definite = true }
            if Self.minorNegative.contains(word) { minor = true }
            if Self.positive.contains(word) { positive = true }
            if Self.bodyWords.contains(word) { bodyHint = true }
            if offset + 1 < words.count, Self.bodyPairs.contains(word + "-" + words[offset + 1]) { bodyHint = true }
            // Compound words such as "leftsidebar" or "commentlist"; "ad" only ever as a whole word, since
            // "head", "download" and "gradient" are not ads.
            if !negative, word.utf8.count > 5, Self.containsNegativeRoot(word) { negative = true }
        }
        // As in Readability, a content word saves a box ("content-with-sidebar"), except from the words that
        // are never article text ("comments-content", "related-posts").
        isBoilerplate = (definite || (negative && !positive)) && !bodyHint
        isMinorBoilerplate = minor && !bodyHint
        weight = (positive || bodyHint ? 25 : 0) - (negative || minor ? 25 : 0)
        isBodyHint = bodyHint
    }

    private static func containsNegativeRoot(_ word: String) -> Bool {
        let bytes = Array(word.utf8)
        for root in negativeRootBytes where root.count <= bytes.count {
            var start = 0
            while start + root.count <= bytes.count {
                if bytes[start] == root[0] {
                    var offset = 1
                    while offset < root.count, bytes[start + offset] == root[offset] { offset += 1 }
                    if offset == root.count { return true }
                }
                start += 1
            }
        }
        return false
    }

    private static let negativeRootBytes: [[UInt8]] = negativeRoots.map { Array($0.utf8) }

    private init(isBoilerplate: Bool, isMinorBoilerplate: Bool, weight: Int, isBodyHint: Bool) {
        self.isBoilerplate = isBoilerplate
        self.isMinorBoilerplate = isMinorBoilerplate
        self.weight = weight
        self.isBodyHint = isBodyHint
    }

    private static let strongNegative: Set<String> = [
        "comment", "comments", "commentlist", "disqus", "respond", "replies", "reply",
        "share", "sharing", "sharebar", "social", "socials", "sosmed",
        "newsletter", "subscribe", "subscription", "signup", "optin", "cookie", "cookies", "consent", "gdpr",
        "related", "recommended", "recommendation", "recommendations", "terkait", "populer", "popular", "trending",
        "mostread", "mostpopular", "outbrain", "taboola", "zergnet", "promo", "promoted", "sponsor", "sponsored",
        "ad", "ads", "advert", "advertisement", "advertising", "adsense", "dfp", "banner", "iklan",
        "sidebar", "breadcrumb", "breadcrumbs", "pagination", "pager", "popup", "modal", "overlay",
        "footer", "nav", "navbar", "navigation", "menu", "masthead", "widget", "widgets", "toolbar", "skip",
        "print", "login", "register", "paywall", "rss", "shoutbox", "combx", "community", "agegate",
        "jump", "newsletters", "offscreen",
    ]

    private static let definiteNegative: Set<String> = [
        "comment", "comments", "commentlist", "disqus", "share", "sharing", "sharebar", "social", "newsletter",
        "cookie", "cookies", "consent", "gdpr", "related", "recommended", "outbrain", "taboola", "zergnet", "promo",
        "advert", "advertisement", "ads", "ad", "sponsored", "breadcrumb", "breadcrumbs", "subscribe",
    ]

    private static let minorNegative: Set<String> = [
        "caption", "credit", "credits", "copyright", "tags", "tag", "topics", "keywords", "byline", "author",
        "authors", "meta", "date", "time", "timestamp", "dateline", "info", "label", "category", "categories",
        "rating", "header", "headline", "title", "subtitle", "kicker", "bio", "profile", "avatar", "photo",
        "image", "img", "figure", "video", "gallery", "thumbnail", "thumb", "embed",
    ]

    private static let positive: Set<String> = [
        "article", "body", "content", "entry", "main", "post", "story", "text", "blog", "page", "detail",
        "column", "read", "isi", "berita", "artikel", "konten",
    ]

    private static let bodyWords: Set<String> = [
        "articlebody", "storybody", "postbody", "entrycontent", "postcontent", "articlecontent", "storycontent",
        "bodytext", "articletext", "storytext", "posttext", "contentbody", "maincontent", "detailtext",
        "itemfulltext", "fulltext", "textcontent", "richtext", "isiberita", "detailberita",
    ]

    private static let bodyPairs: Set<String> = [
        "article-body", "story-body", "post-body", "entry-content", "post-content", "article-content",
        "story-content", "body-text", "article-text", "story-text", "post-text", "content-body", "entry-body",
        "main-content", "detail-text", "blog-content", "blog-post", "news-content", "news-body", "text-body",
        "body-copy", "article-main", "detail-content", "read-content", "content-text", "single-content",
        "detail-isi", "isi-berita", "itemprop-articlebody",
    ]

    private static let negativeRoots: [String] = [
        "comment", "sidebar", "share", "social", "related", "newsletter", "cookie", "promo", "sponsor", "advert",
        "banner", "breadcrumb", "outbrain", "taboola", "popup", "subscribe", "recommend", "footer", "navbar",
    ]
}
