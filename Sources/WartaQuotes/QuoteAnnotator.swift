import WartaCore

/// Finds quotes and reported speech in an article body, with the speaker, the role, the cue word and the chain of
/// outlets that relayed the words.
///
/// Works on the body alone, before and without named-entity tagging: speakers are spans of the text (a
/// capitalised name, a role phrase, a description such as "sebuah sumber …", or the earlier speaker a pronoun
/// points back to). The linker maps speaker spans to entities later.
///
/// The rules, in order:
/// 1. **Pair quotation marks** within a line: straight `"` alternate open and close; curly `“ ”`, `„` and
///    `« »` open and close by shape. A mark left open at the end of its line is dropped (unbalanced input).
///    A quote may span sentences. The quote span is the text inside the marks, without a trailing comma.
/// 2. **Tag after the quote**: `"…," kata/ujar/ungkap/tutur/jelas/imbuh X`, `"…," katanya` (pronoun),
///    `"…," said X`, `"…," X said`. The speaker phrase after the tag ends at punctuation, a relay cue or a
///    preposition ("dikutip", "kepada", "dalam", "saat", "in", "on").
/// 3. **Verb before the quote**: `X mengatakan, "…"`, `X menegaskan: "…"`, `X said: "…"`; the speaker is the
///    subject before the verb (rule 6).
/// 4. **Continuation**: a quote with no tag right after an attributed quote, in the same line after punctuation or
///    opening the next line, keeps that quote's speaker and relay (`"Q1," kata S. "Q2."`); marks right after a word
///    (`dalam tayangan "Indonesia Lawyers Club"`) hold a title, not a quote.
/// 5. **Untagged quotes** of at least ``Configuration/minimumUntaggedWords`` words are kept with no speaker;
///    shorter ones are scare quotes and titles and are skipped.
/// 6. **Reported speech** outside quotation marks: a subject, a full verb, optionally `kepada Y` / `told Y`, and
///    the content after `bahwa`/`that` or right after the verb: `X mengatakan bahwa …`, `X mengatakan kepada Y
///    bahwa …`, `X menyebut …`, `X said …`. The subject is read back from the verb to the start of its clause
///    (a comma, a sentence end or a conjunction such as "dan"), at most 12 words. An outlet reporting
///    (`Axios pertama kali melaporkan …`, `Reuters reported …`) is a relay with no speaker.
/// 7. **According to**: `menurut X, …` / `according to X, …` gives speaker X and the rest of the sentence;
///    `menurut laporan X` / `according to a report by X` makes X a relay. A trailing `… menurut surat kabar X.`
///    adds X to the relay of the reported speech it closes.
/// 8. **Speakers**: a phrase that is all capitalised is a name; one that starts with a role word ("juru
///    bicara", "pejabat", "Presiden") splits into role and name when a name follows ("pejabat luar negeri Iran
///    Ali Bagheri Kank" → role "pejabat luar negeri Iran", name "Ali Bagheri Kank") and is a role alone
///    otherwise ("juru bicara Gedung Putih"); any other phrase is a description ("sebuah sumber yang mengetahui
///    masalah tersebut"), kept as both speaker and role. A pronoun ("dia", "ia", "-nya", "he") takes the latest
///    earlier speaker within ``Configuration/pronounReach`` bytes.
/// 9. **Relay chain**, nearest to the speaker first, in text order after the cue: "dikutip Reuters", "seperti
///    dilansir AFP", "kepada Middle East Eye" / "told Reuters" (when the addressee is an outlet: a known name,
///    a name ending in a media word, a domain, or the acronym of an outlet the article spells out, "MEE"),
///    "menurut laporan Reuters", "reported by Reuters". The publishing outlet itself is not added: the caller,
///    which knows `Article.outlet`, appends it.
public struct QuoteAnnotator: Stage {
    public static let name: StageName = "annotate.quotes.v1"

    /// The news outlets the relay rules know, lower-case ("reuters", "middle east eye").
    public static var knownOutlets: Set<String> { OutletNames.names }

    /// Settings with documented defaults.
    public struct Configuration: Sendable {
        /// A quote with no tag is kept only with at least this many words. Default 4.
        public var minimumUntaggedWords = 4
        /// How far back, in bytes, a pronoun looks for its speaker. Default 2,000 (a few paragraphs).
        public var pronounReach = 2_000
        /// The most words of reported speech taken after its verb. Default 80.
        public var maximumReportedWords = 80

        public init() {}
    }

    public var configuration: Configuration
    let lexicon: QuoteLexicon

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        lexicon = QuoteLexicon.indonesian.merging(QuoteLexicon.english)
    }

    /// Returns the quotes of an article's body, in text order.
    public func process(_ input: Article, context: StageContext) throws -> StageResult<[Quote]> {
        .kept(quotes(in: input.body))
    }

    /// Returns the quotes of `text`, in text order.
    /// - Complexity: O(n) in the UTF-8 length of the text: every rule looks at a bounded number of words.
    public func quotes(in text: String) -> [Quote] {
        var finder = QuoteFinder(text: text, lexicon: lexicon, configuration: configuration)
        return finder.run()
    }
}
