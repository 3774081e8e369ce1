import Foundation
import WartaCore
import WartaDates
import WartaExtract
import WartaIngest
import WartaPipeline
import WartaQuery
import WartaQuotes
import WartaStore
import WartaText

/// The readers, built once per process from the bundled language data, and a scratch folder for the file readers
/// (one file per run, so that runs on several threads do not meet).
public final class FuzzContext: Sendable {
    let pipeline: ArticlePipeline
    let syntax: SearchSyntax
    let scratchDirectory: String
    /// Larger files and records are refused by the readers; small enough that a run stays fast.
    let maxBytes = 1 << 20
    /// The reference day for relative dates, fixed so a run is reproducible.
    let referenceDate = Date(timeIntervalSince1970: 1_565_000_000)

    public init() throws {
        pipeline = try ArticlePipeline.bundled()
        syntax = SearchSyntax(analyzer: pipeline.analyzer)
        scratchDirectory = NSTemporaryDirectory() + "warta-fuzz-\(getpid())"
        try FileManager.default.createDirectory(atPath: scratchDirectory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: scratchDirectory)
    }

    func extract(_ bytes: [UInt8], as type: RawDocument.ContentType) -> FuzzOutcome {
        let raw = RawDocument(origin: "fuzz", url: "https://example.id/berita/1", bytes: bytes, contentType: type)
        do {
            let result: StageResult<Article>
            switch type {
            case .html:
                guard let extractor = pipeline.htmlExtractor else { return FuzzOutcome("no HTML extractor") }
                result = try extractor.process(raw, context: StageContext())
            case .plainText:
                result = try pipeline.extractor.process(raw, context: StageContext())
            }
            switch result {
            case .kept(let article): return FuzzOutcome("kept", detail: "\(article.body.utf8.count) bytes")
            case .dropped(let reason): return FuzzOutcome("dropped: \(reason.code)")
            }
        } catch {
            return FuzzOutcome("error", detail: "\(error)")
        }
    }

    /// The charset named by the first byte (an index into common and hostile labels), the rest as the text.
    func decode(_ bytes: [UInt8]) -> FuzzOutcome {
        let labels: [String?] = [
            nil, "utf-8", "windows-1252", "iso-8859-1", "utf-16", "utf-16le", "utf-16be", "us-ascii", "latin1",
            "shift_jis", "x-unknown", "", "UTF8", "cp1252", "utf-32",
        ]
        guard let first = bytes.first else { return FuzzOutcome("empty") }
        let declared = labels[Int(first) % labels.count]
        switch TextDecoder().decode(Array(bytes.dropFirst()), declared: declared) {
        case .success(let decoded):
            return FuzzOutcome("decoded \(decoded.encoding)", detail: "\(decoded.text.utf8.count) bytes")
        case .failure(let reason): return FuzzOutcome("dropped: \(reason.code)")
        }
    }

    /// Writes the bytes to a scratch file with the extension the reader goes by, and reads every item of it.
    func read(_ bytes: [UInt8], fileExtension: String) -> FuzzOutcome {
        let path = scratchDirectory + "/\(UUID().uuidString)." + fileExtension
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            return FuzzOutcome("cannot write the scratch file \(path)")
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        var configuration = FileReader.Configuration()
        configuration.maxBytes = maxBytes
        var documents = 0
        var failures: [String] = []
        var skipped = 0
        for item in FileReader(configuration: configuration).items(paths: [path]) {
            switch item {
            case .document: documents += 1
            case .failure(let failure): failures.append(failure.reason)
            case .skipped: skipped += 1
            }
        }
        return FuzzOutcome(
            "\(documents) documents, \(skipped) skipped, \(failures.count) failed",
            detail: failures.joined(separator: "; "))
    }

    func feed(_ bytes: [UInt8]) -> FuzzOutcome {
        do {
            let feed = try FeedParser().parse(bytes: bytes, url: "https://example.id/feed")
            return FuzzOutcome("\(feed.items.count) items, \(feed.warnings.count) warnings")
        } catch {
            return FuzzOutcome("error", detail: "\(error)")
        }
    }

    func sitemap(_ bytes: [UInt8]) -> FuzzOutcome {
        do {
            let sitemap = try SitemapParser().parse(bytes: bytes, url: "https://example.id/sitemap.xml")
            return FuzzOutcome("\(sitemap.urls.count) urls, \(sitemap.sitemaps.count) sitemaps")
        } catch {
            return FuzzOutcome("error", detail: "\(error)")
        }
    }

    func opml(_ bytes: [UInt8]) -> FuzzOutcome {
        do {
            let document = try OPMLParser().parse(bytes: bytes, url: "https://example.id/feeds.opml")
            return FuzzOutcome("\(document.outlines.count) outlines, \(document.warnings.count) warnings")
        } catch {
            return FuzzOutcome("error", detail: "\(error)")
        }
    }

    func dates(_ bytes: [UInt8]) -> FuzzOutcome {
        let text = String(decoding: bytes, as: UTF8.self)
        let mentions = DateAnnotator().mentions(in: text, referenceDate: referenceDate)
        return FuzzOutcome(mentions.isEmpty ? "no dates" : "dates", detail: "\(mentions.count)")
    }

    func quotes(_ bytes: [UInt8]) -> FuzzOutcome {
        let text = String(decoding: bytes, as: UTF8.self)
        let quotes = QuoteAnnotator().quotes(in: text)
        return FuzzOutcome(quotes.isEmpty ? "no quotes" : "quotes", detail: "\(quotes.count)")
    }

    func search(_ bytes: [UInt8]) -> FuzzOutcome {
        do {
            _ = try syntax.parse(String(decoding: bytes, as: UTF8.self))
            return FuzzOutcome("parsed")
        } catch {
            return FuzzOutcome("error", detail: "\(error)")
        }
    }

    func pipeline(_ bytes: [UInt8]) -> FuzzOutcome {
        let raw = RawDocument(origin: "fuzz", bytes: bytes, contentType: .plainText, fetchedAt: referenceDate)
        switch pipeline.process(raw) {
        case .article(let indexed):
            return FuzzOutcome(
                "article \(indexed.article.language.rawValue)", detail: "\(indexed.article.body.utf8.count) bytes")
        case .rawOnly: return FuzzOutcome("raw only")
        case .dropped(let stage, let reason): return FuzzOutcome("dropped by \(stage): \(reason.code)")
        }
    }
}
