import WartaCore

/// One reader of untrusted bytes, run on one input by the libFuzzer driver (`warta-fuzz`) and by the regression
/// tests that replay what the fuzzer found.
///
/// Every target must return for any input: a crash, a trap, a hang or a leak is a bug in Warta.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// `HTMLExtractor` on a page (charset sniffing, libxml2 parsing, main content, metadata, JSON-LD).
    case html
    /// `PlainTextExtractor` on a text (decoding, debris rules, dateline, credit line).
    case text
    /// `TextDecoder` with a declared charset chosen by the first byte.
    case charset
    /// `FileReader` over a `.jsonl` file: lines, records, their fields.
    case jsonl
    /// `FileReader` over a `.jsonl.gz` file: the gzip reader (members, truncation, bombs) and then the lines.
    case gzip
    /// `FeedParser`: RSS, Atom, RDF and JSON Feed, gzip or not, any encoding.
    case feed
    /// `SitemapParser`: url sets, sitemap indexes, Google News extensions.
    case sitemap
    /// `OPMLParser`: feed lists.
    case opml
    /// `FileReader` over a `.warc` file: records, HTTP heads, chunked and compressed payloads.
    case warc
    /// `DateAnnotator`: Indonesian and English date expressions against a fixed reference day.
    case dates
    /// `QuoteAnnotator`: quotes, speakers and relay chains.
    case quotes
    /// `SearchSyntax`: the query language of `warta search` and `/api/v1/search`.
    case search
    /// The whole per-document pipeline on a text: extraction, language, entities, dates, quotes, stems.
    case pipeline

    /// Runs the target on `bytes`; the outcome says what was read, for the regression tests.
    public func run(_ bytes: [UInt8], in context: FuzzContext) -> FuzzOutcome {
        switch self {
        case .html: return context.extract(bytes, as: .html)
        case .text: return context.extract(bytes, as: .plainText)
        case .charset: return context.decode(bytes)
        case .jsonl: return context.read(bytes, fileExtension: "jsonl")
        case .gzip: return context.read(bytes, fileExtension: "jsonl.gz")
        case .warc: return context.read(bytes, fileExtension: "warc")
        case .feed: return context.feed(bytes)
        case .sitemap: return context.sitemap(bytes)
        case .opml: return context.opml(bytes)
        case .dates: return context.dates(bytes)
        case .quotes: return context.quotes(bytes)
        case .search: return context.search(bytes)
        case .pipeline: return context.pipeline(bytes)
        }
    }
}
