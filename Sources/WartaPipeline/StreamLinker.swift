import Foundation
import WartaCluster
import WartaCore
import WartaDedup
import WartaText

/// The linker: the one stateful stage. It takes articles in publication order and assigns each to a duplicate
/// group, an event and a storyline, never revisiting a decision.
///
/// Owned by one task; `warta cluster` runs it over a file, ingest over the articles it stores.
public struct StreamLinker: Sendable {
    /// One input article, as `warta cluster` reads it.
    public struct Input: Sendable {
        public var id: String
        public var day: Double?
        public var language: LanguageCode?
        public var outlet: String?
        public var title: String
        public var text: String
        /// Entity names when an entity tagger ran; `nil` uses the capitalised-word heuristic.
        public var names: [String]?

        public init(
            id: String, day: Double?, language: LanguageCode?, outlet: String?, title: String, text: String,
            names: [String]? = nil
        ) {
            self.id = id
            self.day = day
            self.language = language
            self.outlet = outlet
            self.title = title
            self.text = text
            self.names = names
        }
    }

    /// Where one article went.
    public struct Output: Sendable, Equatable, Encodable {
        public var id: String
        public var story: String
        public var storyline: String
        /// The incident: the event with the closed events it follows up (``StoryClusterer/incident(_:)``); the
        /// event itself when it follows up none.
        public var incident: String = ""
        public var duplicateOf: String?
        /// The event's and storyline's numbers (from 0, in opening order).
        public var eventNumber = 0
        public var storylineNumber = 0
        /// The story's mean day (see ``StoryClusterer/Assignment/referenceDay``); `nil` for a copy.
        public var referenceDay: Double?
        /// Events merged into this article's event by this decision (``StoryClusterer/Assignment/merged``): part of
        /// the decision, to be stored and replayed with it.
        public var mergedEvents: [Int] = []
        /// The closed event this article's new event follows up (``StoryClusterer/Assignment/followUpOf``).
        public var followUpOf: Int?

        enum CodingKeys: String, CodingKey {
            case id, story, storyline, incident
            case duplicateOf = "duplicate_of"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(story, forKey: .story)
            try container.encode(incident.isEmpty ? story : incident, forKey: .incident)
            try container.encode(storyline, forKey: .storyline)
            try container.encodeIfPresent(duplicateOf, forKey: .duplicateOf)
        }
    }

    public let builder: DocumentBuilder
    public let identifier: LanguageIdentifier
    public var clusterer: StoryClusterer
    public var duplicates: NearDuplicateIndex
    private let vocabulary = Vocabulary()
    private var ids: [String] = []
    private var events: [Int] = []
    private var storylines: [Int] = []

    public init(
        builder: DocumentBuilder, identifier: LanguageIdentifier,
        configuration: StoryClusterer.Configuration = StoryClusterer.Configuration()
    ) {
        self.builder = builder
        self.identifier = identifier
        clusterer = StoryClusterer(configuration: configuration)
        duplicates = NearDuplicateIndex()
    }

    /// Builds a linker from Warta's bundled language data.
    public static func bundled(
        configuration: StoryClusterer.Configuration = StoryClusterer.Configuration()
    ) throws -> StreamLinker {
        StreamLinker(
            builder: DocumentBuilder(analyzer: try TextAnalyzer.bundled(), stopWords: try StopWords.bundled()),
            identifier: try LanguageIdentifier.bundled(),
            configuration: configuration
        )
    }

    /// The number of events opened so far.
    public var eventCount: Int { clusterer.eventCount }
    /// The number of events once merges are counted (``StoryClusterer/distinctEventCount``).
    public var distinctEventCount: Int { clusterer.distinctEventCount }

    /// The output as it stands now: `story` is the event the article's event was merged into since, if any (an
    /// output is final only once the stream has ended).
    public func resolved(_ output: Output) -> Output {
        var output = output
        output.incident = "e\(clusterer.incident(output.eventNumber))"
        output.eventNumber = clusterer.resolve(output.eventNumber)
        output.story = "e\(output.eventNumber)"
        return output
    }

    /// Links a whole stream (in publication order) and returns the outputs as they stand at its end, merges resolved.
    public mutating func addAll(_ inputs: [Input]) -> [Output] {
        let outputs = inputs.map { add($0) }
        return outputs.map(resolved)
    }

    /// Replays a stored decision, so a new run goes on from the state the last one left.
    public mutating func restore(
        _ input: Input, event: Int, storyline: Int, duplicateOf: String?, mergedEvents: [Int] = [],
        followUpOf: Int? = nil
    ) {
        ids.append(input.id)
        _ = duplicates.add(title: input.title, body: input.text)
        events.append(event)
        storylines.append(storyline)
        if duplicateOf != nil { return }
        let language = input.language ?? identifier.identify(input.title + "\n" + input.text).language
        let document = builder.document(
            id: input.id, title: input.title, body: input.text, language: language, day: input.day,
            outlet: input.outlet, vocabulary: vocabulary, names: input.names)
        clusterer.restore(document, event: event, storyline: storyline, merged: mergedEvents)
        if let followUpOf { clusterer.setFollowUp(event, of: followUpOf) }
    }

    /// Links one article (inputs must come in publication order).
    public mutating func add(_ input: Input) -> Output {
        let position = ids.count
        ids.append(input.id)
        let body = input.text
        if let match = duplicates.add(title: input.title, body: body) {
            // A copy joins its origin's event and storyline and adds no evidence of its own.
            events.append(events[match.origin])
            storylines.append(storylines[match.origin])
            var output = Output(
                id: input.id, story: "e\(events[position])", storyline: "s\(storylines[position])",
                duplicateOf: ids[match.origin])
            output.eventNumber = events[position]
            output.storylineNumber = storylines[position]
            output.incident = "e\(clusterer.incident(events[position]))"
            return output
        }
        let language = input.language ?? identifier.identify(input.title + "\n" + body).language
        let document = builder.document(
            id: input.id, title: input.title, body: body, language: language, day: input.day, outlet: input.outlet,
            vocabulary: vocabulary, names: input.names)
        let assignment = clusterer.add(document)
        events.append(assignment.event)
        storylines.append(assignment.storyline)
        var output = Output(id: input.id, story: "e\(assignment.event)", storyline: "s\(assignment.storyline)")
        output.eventNumber = assignment.event
        output.storylineNumber = assignment.storyline
        output.referenceDay = assignment.referenceDay
        output.mergedEvents = assignment.merged
        output.followUpOf = assignment.followUpOf
        output.incident = "e\(clusterer.incident(assignment.event))"
        return output
    }
}

extension StreamLinker.Input {
    /// The linker's view of a stored article.
    public init(article: Article) {
        self.init(
            id: article.id.map { String($0.rawValue) } ?? article.origin,
            day: article.published?.date.map { $0.timeIntervalSince1970 / 86_400 },
            language: article.language, outlet: article.outlet?.domain,
            title: article.titleDerived ? "" : article.title, text: article.body)
    }
}
