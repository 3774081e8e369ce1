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
        var reader = Reader()
        reader.append(classAndID.utf8)
        self = reader.evidence()
    }

    /// Splits attribute values into lower-case ASCII words and reads their evidence, reusing its buffers from
    /// element to element: no `String` is built and no `Hasher` runs per word, which matters because every
    /// element of every page goes through here.
    ///
    /// Words are split exactly as in ``init(classAndID:)``; feeding `"a"`, `" "`, `"b"` reads the same words as
    /// feeding `"a b"`.
    struct Reader {
        /// The lower-cased bytes of all words so far, back to back.
        private var bytes: [UInt8] = []
        /// Where each word ends in `bytes`.
        private var ends: [Int] = []
        private var inWord = false

        init() {
            bytes.reserveCapacity(256)
            ends.reserveCapacity(32)
        }

        /// Forgets the words read so far.
        mutating func reset() {
            bytes.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
            inWord = false
        }

        /// Whether no word has been read since the last reset.
        var isEmpty: Bool { ends.isEmpty && !inWord }

        /// Reads more text; bytes of other scripts count as letters.
        mutating func append(_ text: some Sequence<UInt8>) {
            for byte in text {
                let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) || lower >= 0x80 {
                    bytes.append(lower)
                    inWord = true
                } else if inWord {
                    ends.append(bytes.count)
                    inWord = false
                }
            }
        }

        /// The evidence of the words read so far.
        mutating func evidence() -> ClassEvidence {
            if inWord {
                ends.append(bytes.count)
                inWord = false
            }
            var negative = false
            var definite = false
            var minor = false
            var positive = false
            var bodyHint = false
            bytes.withUnsafeBufferPointer { buffer in
                var start = 0
                for (offset, end) in ends.enumerated() {
                    let word = UnsafeBufferPointer(rebasing: buffer[start..<end])
                    let flags = Vocabulary.shared.flags(of: word)
                    if flags & Vocabulary.strongNegative != 0 { negative = true }
                    if flags & Vocabulary.definiteNegative != 0 { definite = true }
                    if flags & Vocabulary.minorNegative != 0 { minor = true }
                    if flags & Vocabulary.positive != 0 { positive = true }
                    if flags & Vocabulary.bodyWord != 0 { bodyHint = true }
                    if offset + 1 < ends.count {
                        let next = UnsafeBufferPointer(rebasing: buffer[end..<ends[offset + 1]])
                        if Vocabulary.shared.isBodyPair(word, next) { bodyHint = true }
                    }
                    // Compound words such as "leftsidebar" or "commentlist"; "ad" only ever as a whole word, since
                    // "head", "download" and "gradient" are not ads.
                    if !negative, word.count > 5, ClassEvidence.containsNegativeRoot(word) { negative = true }
                    start = end
                }
            }
            // As in Readability, a content word saves a box ("content-with-sidebar"), except from the words that
            // are never article text ("comments-content", "related-posts").
            return ClassEvidence(
                isBoilerplate: (definite || (negative && !positive)) && !bodyHint,
                isMinorBoilerplate: minor && !bodyHint,
                weight: (positive || bodyHint ? 25 : 0) - (negative || minor ? 25 : 0),
                isBodyHint: bodyHint)
        }
    }

    /// The word lists below as one open-addressing table of byte strings to flags, so a word is looked up
    /// straight from its bytes. Words hold only letters and digits, so the body pairs are stored as
    /// `"first-second"` in the same table without clashing with any word.
    private struct Vocabulary {
        static let strongNegative: UInt8 = 1
        static let definiteNegative: UInt8 = 2
        static let minorNegative: UInt8 = 4
        static let positive: UInt8 = 8
        static let bodyWord: UInt8 = 16
        static let bodyPair: UInt8 = 32

        static let shared = Vocabulary()

        /// Key bytes, back to back; slot `i` holds its key at `keyStart[i] ..< keyEnd[i]` (both 0: empty).
        private var keyBytes: [UInt8] = []
        private var keyStart: [Int32]
        private var keyEnd: [Int32]
        private var slotFlags: [UInt8]
        private let mask: Int

        private init() {
            var all: [String: UInt8] = [:]
            for (words, flag) in [
                (ClassEvidence.strongNegative, Self.strongNegative),
                (ClassEvidence.definiteNegative, Self.definiteNegative),
                (ClassEvidence.minorNegative, Self.minorNegative), (ClassEvidence.positive, Self.positive),
                (ClassEvidence.bodyWords, Self.bodyWord), (ClassEvidence.bodyPairs, Self.bodyPair),
            ] {
                for word in words { all[word, default: 0] |= flag }
            }
            var capacity = 64
            while capacity < all.count * 4 { capacity *= 2 }
            mask = capacity - 1
            keyStart = Array(repeating: 0, count: capacity)
            keyEnd = Array(repeating: 0, count: capacity)
            slotFlags = Array(repeating: 0, count: capacity)
            for (word, flags) in all.sorted(by: { $0.key < $1.key }) {
                let bytes = Array(word.utf8)
                var slot = Int(Self.hash(bytes, seed: Self.seed)) & mask
                while keyEnd[slot] != 0 { slot = (slot + 1) & mask }
                keyStart[slot] = Int32(keyBytes.count)
                keyBytes += bytes
                keyEnd[slot] = Int32(keyBytes.count)
                slotFlags[slot] = flags
            }
        }

        private static let seed: UInt32 = 2_166_136_261

        /// FNV-1a, continued from `seed`.
        private static func hash(_ bytes: some Sequence<UInt8>, seed: UInt32) -> UInt32 {
            var hash = seed
            for byte in bytes { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
            return hash
        }

        /// The flags of `word`; 0 when it is in no list.
        func flags(of word: UnsafeBufferPointer<UInt8>) -> UInt8 {
            find(Self.hash(word, seed: Self.seed)) { key in key.elementsEqual(word) }
        }

        /// Whether `"first-second"` is a body pair.
        func isBodyPair(_ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>) -> Bool {
            let hash = Self.hash(
                second, seed: Self.hash(CollectionOfOne(0x2D), seed: Self.hash(first, seed: Self.seed)))
            let flags = find(hash) { key in
                key.count == first.count + 1 + second.count && key.prefix(first.count).elementsEqual(first)
                    && key[key.startIndex + first.count] == 0x2D && key.suffix(second.count).elementsEqual(second)
            }
            return flags & Self.bodyPair != 0
        }

        private func find(_ hash: UInt32, matches: (ArraySlice<UInt8>) -> Bool) -> UInt8 {
            var slot = Int(hash) & mask
            while keyEnd[slot] != 0 {
                if matches(keyBytes[Int(keyStart[slot])..<Int(keyEnd[slot])]) { return slotFlags[slot] }
                slot = (slot + 1) & mask
            }
            return 0
        }
    }

    /// Whether a negative root occurs inside the word. Each position only tries the roots that start with its
    /// byte.
    private static func containsNegativeRoot(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        for start in 0..<count {
            for root in negativeRootsByFirstByte[Int(bytes[start])] where start + root.count <= count {
                var offset = 1
                while offset < root.count, bytes[start + offset] == root[offset] { offset += 1 }
                if offset == root.count { return true }
            }
        }
        return false
    }

    /// ``negativeRoots`` as bytes, grouped by their first byte.
    private static let negativeRootsByFirstByte: [[[UInt8]]] = {
        var table = [[[UInt8]]](repeating: [], count: 256)
        for root in negativeRoots.map({ Array($0.utf8) }) where !root.isEmpty { table[Int(root[0])].append(root) }
        return table
    }()

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
