/// The kinds of named entity Warta tags.
public enum EntityKind: String, Codable, Sendable, CaseIterable {
    case person = "PERSON"
    case organisation = "ORGANISATION"
    case place = "PLACE"
}

/// A named entity as it is written in one article: a span of the body and its kind.
public struct EntityMention: Hashable, Sendable, Codable {
    public var span: TextSpan
    public var kind: EntityKind
    /// How sure the tagger is, from 0 to 1.
    public var confidence: Double

    public init(span: TextSpan, kind: EntityKind, confidence: Double = 1) {
        self.span = span
        self.kind = kind
        self.confidence = confidence
    }
}

/// A quote or a piece of reported speech, with who said it and through whom it reached the article.
public struct Quote: Hashable, Sendable, Codable {
    public enum Kind: String, Codable, Sendable {
        /// Words in quotation marks.
        case direct
        /// Reported speech: "X mengatakan bahwa …", "menurut X, …".
        case indirect
    }

    public var kind: Kind
    /// The quoted or reported words.
    public var span: TextSpan
    /// The speaker as written ("Bagheri Kani"), when found.
    public var speaker: TextSpan?
    /// The speaker's role when the text gives it ("juru bicara Gedung Putih").
    public var role: TextSpan?
    /// The reporting word ("kata", "mengatakan", "menurut").
    public var cue: TextSpan?
    /// The outlets that relayed the words, nearest first ("Reuters"), before the publishing outlet.
    public var relay: [String]
    /// What the speaker span holds, when there is one.
    public var speakerKind: SpeakerKind?

    /// What a quote's speaker span holds.
    public enum SpeakerKind: String, Codable, Sendable {
        /// A name as written ("Bagheri Kani", "Reuters").
        case name
        /// A description without a name ("sebuah sumber yang mengetahui masalah tersebut"); `role` is the same span.
        case description
        /// The speaker was a pronoun ("katanya", "dia", "he"); the span is the earlier speaker it points back to.
        case pronoun
    }

    public init(
        kind: Kind, span: TextSpan, speaker: TextSpan?, role: TextSpan? = nil, cue: TextSpan?, relay: [String] = [],
        speakerKind: SpeakerKind? = nil
    ) {
        self.kind = kind
        self.span = span
        self.speaker = speaker
        self.role = role
        self.cue = cue
        self.relay = relay
        self.speakerKind = speakerKind
    }
}

/// A date expression and the calendar date it resolves to.
public struct DateMention: Hashable, Sendable, Codable {
    /// How precise the resolved date is.
    public enum Granularity: String, Codable, Sendable {
        /// A calendar day; `year`, `month` and `day` are set.
        case day
        /// A week from Monday to Sunday; `year`, `month` and `day` give its Monday.
        case week
        case month, year
    }

    /// A part of the resolved period that the text narrows it to ("awal bulan ini": the early part of the month).
    public enum Modifier: String, Codable, Sendable {
        /// "awal", "early": about the first third.
        case early
        /// "pertengahan", "medio", "mid": about the middle third.
        case mid
        /// "akhir", "penghujung", "late": about the last third.
        case late
    }

    /// How the date was resolved.
    public enum Resolution: String, Codable, Sendable {
        /// Written in full ("11/07/2024", "7 Oktober 2023").
        case absolute
        /// A partial date completed from the reference date ("7 Oktober", "bulan April").
        case completed
        /// Relative to the reference date ("kemarin", "Jumat lalu", "awal bulan ini").
        case relative
    }

    /// What a completed or relative date was resolved against, when it was not the article's own date.
    public enum Reference: String, Codable, Sendable {
        /// The article states no date of its own: the date of the story the linker put it in stood in for it, so
        /// the result is approximate ("7 Oktober" is placed right; "kemarin" only roughly).
        case story
    }

    public var span: TextSpan
    public var year: Int
    public var month: Int?
    public var day: Int?
    public var granularity: Granularity
    public var resolution: Resolution
    /// The part of the period the text narrows it to, if it does ("awal bulan ini").
    public var modifier: Modifier?
    /// `nil` when the date is absolute or was resolved against the article's own date.
    public var reference: Reference?

    public init(
        span: TextSpan, year: Int, month: Int?, day: Int?, granularity: Granularity, resolution: Resolution,
        modifier: Modifier? = nil
    ) {
        self.span = span
        self.year = year
        self.month = month
        self.day = day
        self.granularity = granularity
        self.resolution = resolution
        self.modifier = modifier
    }

    /// The date as ISO 8601 at its granularity: `2024-07-11`, `2024-04`, `2023`, and a week as its Monday with a
    /// one-week duration, `2024-05-27/P1W`.
    public var iso: String {
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        switch granularity {
        case .year: return "\(year)"
        case .month: return "\(year)-\(pad(month ?? 1))"
        case .day: return "\(year)-\(pad(month ?? 1))-\(pad(day ?? 1))"
        case .week: return "\(year)-\(pad(month ?? 1))-\(pad(day ?? 1))/P1W"
        }
    }
}
