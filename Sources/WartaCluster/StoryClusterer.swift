import Foundation
import WartaCore

/// Streaming story clustering on two levels: each article joins the best open *event* or opens one; each event
/// joins the best open *storyline* or opens one. Articles must arrive in publication order; nothing waits for the
/// future, and nothing already decided changes.
///
/// For each article:
/// 1. update the online document frequencies (IDF learned as the stream goes);
/// 2. close events and storylines whose newest member is older than their window;
/// 3. gather candidate events through an inverted index over the open events' terms and names;
/// 4. score each candidate with the linear model ``Model`` over ``Features``; the best one is joined when its
///    score is above zero, else a new event opens;
/// 5. a new event is scored against open storylines the same way, with the storyline model.
public struct StoryClusterer: Sendable {
    /// Settings with documented defaults.
    public struct Configuration: Sendable {
        /// An event closes when its newest article is this many days older than the stream's clock.
        public var eventWindowDays = 7.0
        /// A storyline closes after this many days without a new event.
        public var storylineWindowDays = 45.0
        /// Closed events kept, in compact form, as candidates for *undated* articles: an article without a date can
        /// belong to any time, so it is matched against the latest closed events too, not only the open ones. The
        /// oldest are dropped first, so memory stays bounded.
        public var dormantEvents = 5_000
        /// Width of the Gaussian time similarity, in days (0.95 at 1 day, 0.61 at 3, 0.07 at 7).
        public var sigmaDays = 3.0
        /// Terms kept per centroid once it grows past twice this many.
        public var centroidTerms = 400
        /// Candidates scored exactly per article.
        public var maxCandidates = 40
        public var eventModel = Model.event
        public var storylineModel = Model.storyline

        public init() {}
    }

    /// The similarity features of an article against an event (or an event against a storyline).
    public struct Features: Sendable, Equatable {
        public var contentCosine: Float
        public var titleCosine: Float
        public var nameCosine: Float
        /// exp(−Δ²/2σ²) between the article's day and the event's mean day; 0 when either is undated.
        public var timeSimilarity: Float
        /// 1 when either side is undated.
        public var timeMissing: Float
        /// exp(−Δ²/2σ²) with σ = half a day, between the article and the event's newest article: a fast story.
        public var recency: Float
        /// 1 for an article that is only a headline.
        public var headlineOnly: Float

        /// Cosine of the numbers stated ("6.1", "2008").
        public var numberCosine: Float
        /// The highest content cosine with one of the event's latest articles (the centroid can blur a story).
        public var memberCosine: Float
        /// The share (IDF-weighted) of the article's five most salient names that the event names too: an article
        /// about Lindsay Lohan's rehab stay is not one more article about Tara Reid's, however alike the words.
        public var nameCoverage: Float = 0
        /// The share of the event's five most salient names that the article names.
        public var eventNameCoverage: Float = 0
        /// 1 when the article or the event has no names (the coverages say nothing then).
        public var namesMissing: Float = 0
        /// 1 when the article's most salient name (the one its story is about: "Felt", "Lohan") is among the
        /// event's names.
        public var topNameShared: Float = 0
        /// 1 when the event's most salient name is among the article's names.
        public var eventTopNameShared: Float = 0
        /// An undated article against a dated event: 1 when the article states the event's year.
        public var yearStated: Float = 0
        /// An undated article against a dated event: 1 when the article states years, none of them the event's.
        public var otherYearsStated: Float = 0
        /// 1 when neither side has a date (an undated article against an event of undated articles): a pair with
        /// a threshold of its own, as nothing says the two are from different times, nor from the same.
        public var bothUndated: Float = 0

        /// The positions in ``vector`` of the two indicators for undated pairs, whose weights act as offsets of
        /// their own and are tuned after the bias (``ClusterTrainer/tuneBias(_:streams:configuration:)``).
        public static let timeMissingIndex = 4
        public static let bothUndatedIndex = 18

        /// The model's inputs. Time enters only through its product with content similarity: being published on
        /// the same day says nothing about two articles that share no words.
        public var vector: [Float] {
            [
                contentCosine, titleCosine, nameCosine, contentCosine * timeSimilarity, timeMissing,
                contentCosine * recency, headlineOnly, contentCosine * headlineOnly, contentCosine * nameCosine,
                numberCosine, memberCosine, nameCoverage, eventNameCoverage, namesMissing, topNameShared,
                eventTopNameShared, yearStated, otherYearsStated, bothUndated,
            ]
        }
    }

    /// A linear score over ``Features``: join when `bias + Σ weight·feature > 0`.
    public struct Model: Sendable, Equatable {
        public var weights: [Float]
        public var bias: Float
        /// A small event (a fragment, at most ``fragmentSize`` articles) merges into a candidate event of the
        /// article that just joined one of the two when the fragment, read as one article, scores above this
        /// against the other (`nil`: never): the event has grown since the fragment was turned away.
        public var fragmentThreshold: Float?
        public static let fragmentSize = 3

        public init(weights: [Float], bias: Float, fragmentThreshold: Float? = nil) {
            self.weights = weights
            self.bias = bias
            self.fragmentThreshold = fragmentThreshold
        }

        public func score(_ features: Features) -> Float {
            zip(weights, features.vector).reduce(bias) { $0 + $1.0 * $1.1 }
        }

        /// The fitted event model: logistic regression on the replayed gold streams of ECB+ and the UCI headline
        /// sample together, with the decision threshold tuned on the same streams, by `warta train clustering`
        /// (held-out figures and the command in `docs/clustering.md`).
        public static let event = Model(
            weights: [
                1.748, 1.795, 0.725, 1.801, -2.425, 2.302, -0.853, 1.733, 0.345, 0.272, 1.890, 0.915, 0.897, 0.719,
                0.245, 1.033, 0.014, -0.340, 1.506,
            ],
            bias: -0.779, fragmentThreshold: 2.0)
        /// Storylines link events more loosely, mostly through names.
        public static let storyline = Model(weights: [6, 0, 8, 1, 0.5], bias: -2.6)
    }

    /// Where an article went.
    public struct Assignment: Sendable, Equatable {
        public var event: Int
        public var storyline: Int
        /// Whether the article opened its event.
        public var openedEvent: Bool
        /// Events merged into the article's event by this decision (see ``StoryClusterer/merge(_:_:)``).
        public var merged: [Int] = []
        /// The mean day of the article's event, or of its storyline when the event has no dated article: what an
        /// undated article's relative dates can be read against.
        public var referenceDay: Double?
    }

    struct Cluster {
        var terms = SparseVector()
        var titles = SparseVector()
        var names = SparseVector()
        var numbers = SparseVector()
        /// The term vectors of the latest members (at most `memberLimit`), for ``Features/memberCosine``.
        var members: [SparseVector] = []
        var count = 0
        var newest: Double?
        var daySum = 0.0
        var dated = 0
        var storyline = -1
        var open = true
        /// Closed, but kept in compact form for undated articles (see ``Configuration/dormantEvents``).
        var dormant = false
        /// The event this one was merged into.
        var mergedInto: Int?

        var meanDay: Double? { dated > 0 ? daySum / Double(dated) : nil }

        /// Takes in the evidence of `other` (a merge).
        mutating func absorb(_ other: Cluster, pruneTo limit: Int) {
            terms.add(other.terms)
            titles.add(other.titles)
            names.add(other.names)
            numbers.add(other.numbers)
            members = Array((other.members + members).suffix(12))
            for vector in [\Cluster.terms, \.titles, \.names, \.numbers] {
                self[keyPath: vector].prune(limit: limit * 2, keep: limit)
            }
            count += other.count
            daySum += other.daySum
            dated += other.dated
            if let day = other.newest { newest = max(newest ?? day, day) }
        }

        mutating func add(_ document: NewsDocument, pruneTo limit: Int) {
            terms.add(document.terms)
            titles.add(document.titleTerms)
            names.add(document.names)
            numbers.add(document.numbers)
            numbers.prune(limit: limit * 2, keep: limit)
            members.append(document.terms)
            if members.count > 12 { members.removeFirst() }
            terms.prune(limit: limit * 2, keep: limit)
            names.prune(limit: limit * 2, keep: limit)
            titles.prune(limit: limit * 2, keep: limit)
            count += 1
            if let day = document.day {
                daySum += day
                dated += 1
                newest = max(newest ?? day, day)
            }
        }

        /// Closes the cluster but keeps a compact summary (the heaviest terms and names, the latest members) for
        /// undated articles.
        mutating func makeDormant() {
            open = false
            dormant = true
            terms.prune(limit: 150, keep: 150)
            titles.prune(limit: 40, keep: 40)
            names.prune(limit: 80, keep: 80)
            numbers.prune(limit: 40, keep: 40)
            if members.count > 3 { members.removeFirst(members.count - 3) }
        }

        /// Closes the cluster: it keeps its counts and dates for reports but drops its vectors, so memory stays
        /// bounded by the window.
        mutating func close() {
            open = false
            dormant = false
            terms = SparseVector()
            titles = SparseVector()
            names = SparseVector()
            numbers = SparseVector()
            members = []
        }

    }

    public var configuration: Configuration
    var events: [Cluster] = []
    private(set) var storylines: [Cluster] = []
    /// ln(df + 1) per term id (ids are dense, from the run's vocabulary), kept up to date as documents arrive, so
    /// an IDF costs two array reads instead of a hash lookup and a logarithm.
    private var logDocumentFrequency: [Float] = []
    private var documentFrequency: [Int32] = []
    private var documents = 0
    private var logDocuments: Float = 0
    private var clock: Double?
    /// term → open events holding it (the candidate index). Entries of events closed since are skipped on lookup
    /// and swept out now and then.
    private var eventIndex: [Int32: [Int32]] = [:]
    /// term → dormant events holding it, for undated articles; swept like ``eventIndex``.
    private var dormantIndex: [Int32: [Int32]] = [:]
    /// Dormant events, oldest first (from `dormantHead` on).
    private var dormantQueue: [Int32] = []
    private var dormantHead = 0
    /// Events closed or dropped since the indexes were last swept.
    private var staleEntries = 0

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// The number of events opened so far.
    public var eventCount: Int { events.count }
    /// The number of events opened so far and not merged into another since.
    public var distinctEventCount: Int { events.filter { $0.mergedInto == nil }.count }
    /// The number of events still open (bounded by the window, whatever the stream's length).
    public var openEventCount: Int { events.filter(\.open).count }
    /// The number of closed events kept for undated articles (at most ``Configuration/dormantEvents``).
    public var dormantEventCount: Int { events.filter(\.dormant).count }

    /// Smoothed inverse document frequency from the counts so far.
    /// - Complexity: O(1): ln(N + 1) − ln(df + 1) + 1 from cached logarithms.
    @inline(__always)
    func idf(_ term: Int32) -> Float {
        let index = Int(term)
        let logDF = index < logDocumentFrequency.count ? logDocumentFrequency[index] : 0
        return logDocuments - logDF + 1
    }

    /// The features of `document` against event `index`.
    func features(_ document: NewsDocument, _ cluster: Cluster) -> Features {
        let weight: (Int32) -> Float = { self.idf($0) }
        var time: Float = 0
        var missing: Float = 1
        var recency: Float = 0
        var yearStated: Float = 0
        var otherYearsStated: Float = 0
        if document.day == nil, !document.years.isEmpty, let mean = cluster.meanDay {
            let year = Self.year(ofDay: mean)
            if document.years.contains(year) { yearStated = 1 } else { otherYearsStated = 1 }
        }
        if let day = document.day, let mean = cluster.meanDay {
            let delta = day - mean
            time = Float(exp(-(delta * delta) / (2 * configuration.sigmaDays * configuration.sigmaDays)))
            missing = 0
            if let newest = cluster.newest {
                let gap = day - newest
                recency = Float(exp(-(gap * gap) / (2 * 0.5 * 0.5)))
            }
        }
        let documentNames = Self.heaviest(document.names, weight: weight)
        let eventNames = Self.heaviest(cluster.names, weight: weight)
        return Features(
            contentCosine: document.terms.cosine(cluster.terms, weight: weight),
            titleCosine: document.titleTerms.cosine(cluster.titles, weight: weight),
            nameCosine: document.names.cosine(cluster.names, weight: weight),
            timeSimilarity: time,
            timeMissing: missing,
            recency: recency,
            headlineOnly: document.headlineOnly ? 1 : 0,
            numberCosine: document.numbers.cosine(cluster.numbers, weight: weight),
            memberCosine: cluster.members.reduce(0) { max($0, document.terms.cosine($1, weight: weight)) },
            nameCoverage: Self.coverage(of: documentNames, in: cluster.names),
            eventNameCoverage: Self.coverage(of: eventNames, in: document.names),
            namesMissing: document.names.isEmpty || cluster.names.isEmpty ? 1 : 0,
            topNameShared: documentNames.first.map { cluster.names.entries[$0.term] != nil ? 1 : 0 } ?? 0,
            eventTopNameShared: eventNames.first.map { document.names.entries[$0.term] != nil ? 1 : 0 } ?? 0,
            yearStated: yearStated, otherYearsStated: otherYearsStated,
            bothUndated: document.day == nil && cluster.meanDay == nil ? 1 : 0
        )
    }

    /// An event read as one article (its summed vectors, its mean day), to score a fragment against an event.
    static func summary(_ cluster: Cluster) -> NewsDocument {
        var document = NewsDocument(
            id: "", day: cluster.meanDay, title: "", outlet: nil, terms: cluster.terms, titleTerms: cluster.titles,
            names: cluster.names)
        document.numbers = cluster.numbers
        return document
    }

    /// The calendar year (UTC) of `day`, days since 1970-01-01 (the civil-from-days algorithm of H. Hinnant).
    package static func year(ofDay day: Double) -> Int {
        let z = Int(day.rounded(.down)) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        return yearOfEra + era * 400 + (monthIndex >= 10 ? 1 : 0)
    }

    /// The five heaviest entries of `vector` by value × weight, heaviest first, with their weights; ties go to the
    /// lower id, so the choice never depends on the dictionary's order.
    static func heaviest(_ vector: SparseVector, weight: (Int32) -> Float) -> [(term: Int32, weight: Float)] {
        typealias Entry = (term: Int32, weight: Float, score: Float)
        func worse(_ a: Entry, than b: Entry) -> Bool { a.score != b.score ? a.score < b.score : a.term > b.term }
        var top: [Entry] = []
        for (term, value) in vector.entries {
            let w = weight(term)
            let entry = (term, w, value * w)
            if top.count < 5 {
                top.append(entry)
            } else if let lowest = top.indices.min(by: { worse(top[$0], than: top[$1]) }),
                worse(top[lowest], than: entry)
            {
                top[lowest] = entry
            }
        }
        return top.sorted { worse($1, than: $0) }.map { ($0.term, $0.weight) }
    }

    /// The weighted share of `heaviest` (from ``heaviest(_:weight:)``) that `other` holds too; 0 when it is empty.
    static func coverage(of heaviest: [(term: Int32, weight: Float)], in other: SparseVector) -> Float {
        var total: Float = 0
        var found: Float = 0
        for entry in heaviest {
            total += entry.weight
            if other.entries[entry.term] != nil { found += entry.weight }
        }
        return total > 0 ? found / total : 0
    }

    /// Steps 1 and 2 for one article: counts it for IDF and advances the clock, closing stale clusters.
    mutating func observe(_ document: NewsDocument) {
        documents += 1
        logDocuments = log(Float(documents) + 1)
        for term in Set(document.terms.entries.keys).union(document.names.entries.keys) {
            let index = Int(term)
            if index >= documentFrequency.count {
                documentFrequency += [Int32](repeating: 0, count: index + 1 - documentFrequency.count)
                logDocumentFrequency += [Float](repeating: 0, count: index + 1 - logDocumentFrequency.count)
            }
            documentFrequency[index] += 1
            logDocumentFrequency[index] = log(Float(documentFrequency[index]) + 1)
        }
        if let day = document.day {
            clock = max(clock ?? day, day)
            closeStale()
        }
    }

    /// The events `document` may join: the open ones, and for an undated article the dormant ones too (training).
    func joinableEvents(for document: NewsDocument) -> [Int] {
        events.indices.filter { events[$0].open || (document.day == nil && events[$0].dormant) }
    }

    /// Puts `document` into event `event` (training replays gold assignments).
    mutating func join(_ document: NewsDocument, event: Int) {
        events[event].add(document, pruneTo: configuration.centroidTerms)
        fileGrown(event, terms: document.terms, names: document.names)
    }

    /// Files an event that has just taken in `terms` and `names` under them, in the candidate index its state calls
    /// for; a dormant event goes back to its compact form first.
    private mutating func fileGrown(_ event: Int, terms: SparseVector, names: SparseVector) {
        if events[event].dormant {
            events[event].makeDormant()
            Self.index(event: event, terms: terms, names: names, into: &dormantIndex)
        } else {
            Self.index(event: event, terms: terms, names: names, into: &eventIndex)
        }
    }

    /// Opens a new event with `document` (training), returning its index.
    mutating func open(_ document: NewsDocument) -> Int {
        var event = Cluster()
        event.add(document, pruneTo: configuration.centroidTerms)
        event.storyline = -1
        events.append(event)
        Self.index(event: events.count - 1, terms: document.terms, names: document.names, into: &eventIndex)
        return events.count - 1
    }

    /// The event `event` belongs to now: itself, or the event it was merged into (through every later merge).
    public func resolve(_ event: Int) -> Int {
        guard events.indices.contains(event) else { return event }
        var current = event
        while let next = events[current].mergedInto { current = next }
        return current
    }

    /// Merges the events of `a` and `b` (after ``resolve(_:)``) and returns the one that remains: the open one
    /// when only one is open (dated articles can still join it), else the older. The other is closed and resolves
    /// to it from now on.
    @discardableResult
    public mutating func merge(_ a: Int, _ b: Int) -> Int {
        let a = resolve(a)
        let b = resolve(b)
        guard a != b, events.indices.contains(a), events.indices.contains(b) else { return a }
        let root = events[a].open != events[b].open ? (events[a].open ? a : b) : min(a, b)
        let gone = root == a ? b : a
        let source = events[gone]
        events[root].absorb(source, pruneTo: configuration.centroidTerms)
        fileGrown(root, terms: source.terms, names: source.names)
        events[gone].close()
        events[gone].mergedInto = root
        staleEntries += 1
        return root
    }

    /// Replays a decision made earlier (rebuilding the state from the store): the article joins `event` and
    /// `storyline`, which are opened when they are new (their numbers are the next ones), and the events in
    /// `merged` are merged with it, in order.
    public mutating func restore(_ document: NewsDocument, event: Int, storyline: Int, merged: [Int] = []) {
        observe(document)
        if storyline == storylines.count {
            var line = Cluster()
            line.add(document, pruneTo: configuration.centroidTerms)
            storylines.append(line)
        } else if storylines.indices.contains(storyline) {
            storylines[storyline].add(document, pruneTo: configuration.centroidTerms)
        }
        if event == events.count {
            _ = open(document)
            events[event].storyline = storyline
        } else if events.indices.contains(event) {
            join(document, event: event)
        }
        for other in merged { merge(event, other) }
    }

    /// Clusters `documents` (in publication order) from scratch and returns each one's event as it stands once
    /// the stream has ended, merges resolved.
    public static func events(of documents: [NewsDocument], configuration: Configuration) -> [Int] {
        var clusterer = StoryClusterer(configuration: configuration)
        let events = documents.map { clusterer.add($0).event }
        return events.map { clusterer.resolve($0) }
    }

    /// Adds one article (in publication order) and returns its event and storyline.
    public mutating func add(_ document: NewsDocument) -> Assignment {
        // 1–2. Online IDF and windows.
        observe(document)
        // 3–4. Candidates and the best event.
        var best: (index: Int, score: Float)?
        let joinable = candidates(for: document)
        for candidate in joinable {
            let score = configuration.eventModel.score(features(document, events[candidate]))
            if score > 0, score > (best?.score ?? -.infinity) { best = (candidate, score) }
        }
        if let best {
            join(document, event: best.index)
            let storyline = events[best.index].storyline
            storylines[storyline].add(document, pruneTo: configuration.centroidTerms)
            // The event has grown: a fragment among the article's other candidates (one or a few articles turned
            // away from it earlier) may now fit it. Only full texts look; headlines are too short to tell.
            var merged: [Int] = []
            if let threshold = configuration.eventModel.fragmentThreshold, !document.headlineOnly {
                for other in joinable {
                    let a = resolve(best.index)
                    let b = resolve(other)
                    guard a != b else { continue }
                    let (small, large) = events[a].count <= events[b].count ? (a, b) : (b, a)
                    guard events[small].count <= Model.fragmentSize,
                        configuration.eventModel.score(features(Self.summary(events[small]), events[large]))
                            > threshold
                    else { continue }
                    merge(best.index, other)
                    merged.append(other)
                }
            }
            let root = resolve(best.index)
            return Assignment(
                event: best.index, storyline: storyline, openedEvent: false, merged: merged,
                referenceDay: events[root].meanDay ?? storylines[storyline].meanDay)
        }
        var event = Cluster()
        event.add(document, pruneTo: configuration.centroidTerms)
        // 5. The new event's storyline.
        var bestLine: (index: Int, score: Float)?
        for (position, line) in storylines.enumerated() where line.open {
            let score = configuration.storylineModel.score(features(document, line))
            if score > 0, score > (bestLine?.score ?? -.infinity) { bestLine = (position, score) }
        }
        let storyline: Int
        if let bestLine {
            storyline = bestLine.index
            storylines[storyline].add(document, pruneTo: configuration.centroidTerms)
        } else {
            storyline = storylines.count
            storylines.append(event)
        }
        event.storyline = storyline
        events.append(event)
        Self.index(event: events.count - 1, terms: document.terms, names: document.names, into: &eventIndex)
        return Assignment(
            event: events.count - 1, storyline: storyline, openedEvent: true,
            referenceDay: event.meanDay ?? storylines[storyline].meanDay)
    }

    private func candidates(for document: NewsDocument) -> [Int] {
        var hits: [Int32: Float] = [:]
        // The document's most distinctive terms and names find the events worth scoring exactly.
        let keys =
            (document.terms.entries.map { ($0.key, $0.value * idf($0.key)) }
            + document.names.entries.map { ($0.key, $0.value * idf($0.key)) })
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(40)
        let undated = document.day == nil
        for (term, weight) in keys {
            for event in eventIndex[term] ?? [] where events[Int(event)].open { hits[event, default: 0] += weight }
            guard undated else { continue }
            for event in dormantIndex[term] ?? [] where events[Int(event)].dormant {
                hits[event, default: 0] += weight
            }
        }
        return hits.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(configuration.maxCandidates).map { Int($0.key) }
    }

    /// Files `event` under every term and name of `terms` and `names` (a joining article's, or a dormant event's
    /// summary).
    private static func index(
        event: Int, terms: SparseVector, names: SparseVector, into index: inout [Int32: [Int32]]
    ) {
        for term in Array(terms.entries.keys) + Array(names.entries.keys) {
            var list = index[term, default: []]
            if list.last != Int32(event) { list.append(Int32(event)) }
            index[term] = list
        }
    }

    private func sweep(_ index: inout [Int32: [Int32]], keeping keep: (Cluster) -> Bool) {
        for (term, list) in index {
            let kept = list.filter { keep(events[Int($0)]) }
            if kept.count != list.count { index[term] = kept.isEmpty ? nil : kept }
        }
    }

    /// Closes events and storylines past their windows and drops closed events from the candidate index.
    private mutating func closeStale() {
        guard let clock else { return }
        for index in events.indices where events[index].open {
            if let newest = events[index].newest, clock - newest > configuration.eventWindowDays {
                events[index].makeDormant()
                Self.index(
                    event: index, terms: events[index].terms, names: events[index].names, into: &dormantIndex)
                dormantQueue.append(Int32(index))
                staleEntries += 1
            }
        }
        while dormantQueue.count - dormantHead > configuration.dormantEvents {
            let oldest = Int(dormantQueue[dormantHead])
            dormantHead += 1
            if events[oldest].dormant { events[oldest].close() }
            staleEntries += 1
        }
        if dormantHead > 4_096 {
            dormantQueue.removeFirst(dormantHead)
            dormantHead = 0
        }
        // Closed entries are skipped on lookup; sweeping them out costs a pass over the indexes, so it waits until
        // there are enough of them.
        if staleEntries > 256 {
            sweep(&eventIndex) { $0.open }
            sweep(&dormantIndex) { $0.dormant }
            staleEntries = 0
        }
        for index in storylines.indices where storylines[index].open {
            if let newest = storylines[index].newest, clock - newest > configuration.storylineWindowDays {
                storylines[index].close()
            }
        }
    }
}
