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
        /// An event also closes when its *first* article is this many days older than the stream's clock, however
        /// often it is fed: an event is a happening of days, and a stream that keeps feeding one event must not
        /// keep it open for months (a topic bucket). Later articles reach it only as late follow-ups
        /// (``lateFollowUps``).
        public var eventLifeDays = 7.0
        /// Whether a dated article may join a closed (dormant) event as a late follow-up (an arrest or a trial
        /// weeks after the shooting). Such a pair has an offset of its own (``Features/late``), so it needs more
        /// evidence than a pair within the event's days.
        public var lateFollowUps = true
        /// Width of the Gaussian on the span an event would have once the article joins it, in days: time-aware
        /// scoring that an event cannot outgrow (it measures the event's extent, not how recently it was fed).
        public var spanSigmaDays = 2.0
        /// Half-life, in days, of the stream's background: the recent articles' summed terms, what every article of
        /// the period shares (``Features/lift``).
        public var backgroundHalfLifeDays = 2.0
        /// Terms kept in the background once it grows past twice this many.
        public var backgroundTerms = 3_000
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
        /// Candidates scored exactly per article (open events), and closed ones for late follow-ups.
        public var maxCandidates = 40
        public var maxDormantCandidates = 10
        /// Terms found in more than this share of the articles so far do not retrieve candidates.
        public var maxKeyShare = 0.05
        public var eventModel = Model.event
        public var storylineModel = Model.storyline

        public init() {}
    }

    /// The similarity features of an article against an event (or an event against a storyline).
    public struct Features: Sendable, Equatable {
        public var contentCosine: Float
        public var titleCosine: Float
        public var nameCosine: Float
        /// exp(−Δ²/2σ²) between the article's day and the event's first day (a storyline's mean day); 0 when
        /// either is undated.
        public var timeSimilarity: Float
        /// 1 when either side is undated.
        public var timeMissing: Float
        /// exp(−s²/2σ²) of the span s the event would have with the article (``Configuration/spanSigmaDays``):
        /// 1 for an article of the event's own day, falling as the event would stretch, however recently it was fed.
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
        /// 1 for a dated article against a closed event (a late follow-up): a pair with a threshold of its own.
        public var late: Float = 0
        /// The content cosine less the article's cosine with the stream's background (the recent articles' terms):
        /// how much more the article shares with the event than with any article of the period. On a dense stream
        /// a topic bucket looks like the background, so it earns nothing here, however high its plain cosine.
        public var lift: Float = 0
        /// The event's size on a log scale (log2(1 + articles) / 8, at most 1): a big event must show more than a
        /// small one, or it grows by its own weight (a storyline's worth of sub-events in one).
        public var size: Float = 0

        /// The positions in ``vector`` of the two indicators for undated pairs, whose weights act as offsets of
        /// their own and are tuned after the bias (``ClusterTrainer/tuneBias(_:streams:configuration:)``).
        public static let timeMissingIndex = 4
        public static let bothUndatedIndex = 18
        public static let lateIndex = 19

        /// Names of the entries of ``vector``, in order (for reports and ablations).
        public static let names = [
            "content", "title", "names", "content*time", "time-missing", "content*recency", "headline",
            "content*headline", "content*names", "numbers", "member", "name-coverage", "event-name-coverage",
            "names-missing", "top-name", "event-top-name", "year-stated", "other-years", "both-undated", "late",
            "lift", "lift*time", "lift*span", "size", "lift*size",
        ]

        /// The model's inputs. Time enters only through its product with content similarity: being published on
        /// the same day says nothing about two articles that share no words.
        public var vector: [Float] {
            [
                contentCosine, titleCosine, nameCosine, contentCosine * timeSimilarity, timeMissing,
                contentCosine * recency, headlineOnly, contentCosine * headlineOnly, contentCosine * nameCosine,
                numberCosine, memberCosine, nameCoverage, eventNameCoverage, namesMissing, topNameShared,
                eventTopNameShared, yearStated, otherYearsStated, bothUndated, late,
                lift, lift * timeSimilarity, lift * recency, size, lift * size,
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

        /// The costly features this model reads: one with no weight (zero, or past the end of ``weights``) is
        /// left at 0, which changes no score.
        var reads: Reads {
            func uses(_ index: Int) -> Bool { index < weights.count && weights[index] != 0 }
            return Reads(
                titles: uses(1), numbers: uses(9), members: uses(10),
                salientNames: uses(11) || uses(12) || uses(14) || uses(15))
        }

        /// The fitted event model: logistic regression on the replayed gold streams of ECB+, the UCI headline
        /// sample, gva-dev and our Indonesian id-dev gold together, with the thresholds tuned on the same streams for
        /// the mean of B³ and pairwise F1 (gva-dev and ECB+ as incidents: their gold events hold their aftermath),
        /// without fragment merges, by `warta train clustering` (held-out figures and the command in
        /// `docs/clustering.md`).
        public static let event = Model(
            weights: [
                1.115, 1.175, 0.622, 1.153, -0.591, 1.160, 0.440, 1.116, 0.367, -0.078, 1.320, 0.990, 0.972, 0.703,
                0.735, 0.830, 0.043, -0.166, 2.093, -1.916, 1.663, 1.318, 1.319, -0.718, 0.926,
            ],
            bias: -2.448)
        /// Storylines link events more loosely, mostly through names.
        public static let storyline = Model(weights: [6, 0, 8, 1, 0.5], bias: -2.6)
    }

    /// Which costly parts of ``Features`` a comparison computes (see ``Model/reads``).
    struct Reads: Equatable {
        var titles = true
        var numbers = true
        var members = true
        /// The name coverages and top names (``Prepared/heaviestNames``).
        var salientNames = true
        static let all = Reads()

        /// Whether everything `other` computes, this computes too.
        func covers(_ other: Reads) -> Bool {
            (titles || !other.titles) && (numbers || !other.numbers) && (members || !other.members)
                && (salientNames || !other.salientNames)
        }
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
        /// The closed event this article's new event follows up (a late follow-up), if it is one.
        public var followUpOf: Int?
    }

    /// The IDF-dependent figures of one side of a comparison (an article or a cluster), computed once per IDF
    /// epoch: weighted norms of each vector, the members' norms and the heaviest names.
    struct Prepared {
        var epoch: Int
        /// What was computed: titles, numbers, members and heaviest names are left empty where not read.
        var reads = Reads.all
        var terms: Float
        var titles: Float
        var names: Float
        var numbers: Float
        var members: [Float]
        var heaviestNames: [(term: Int32, weight: Float)]
    }

    /// A cluster's vectors as ``TermTable``s of their plain values, built in one pass (no sort) and kept until the
    /// cluster changes; the title and number tables are empty where `reads` does not name them.
    struct ClusterTables {
        var reads: Reads
        var terms: TermTable
        var titles: TermTable
        var names: TermTable
        var numbers: TermTable

        init(_ cluster: Cluster, reads: Reads) {
            self.reads = reads
            terms = TermTable(cluster.terms)
            titles = TermTable(reads.titles ? cluster.titles : SparseVector())
            names = TermTable(cluster.names)
            numbers = TermTable(reads.numbers ? cluster.numbers : SparseVector())
        }
    }

    /// A cluster's side of a comparison: its tables and its ``Prepared`` figures, and what the comparison computes
    /// (the caches may hold more).
    struct ClusterSide {
        var reads: Reads
        var prepared: Prepared
        var tables: ClusterTables
    }

    /// An article's vectors under the current IDF: sorted ``CompactVector``s weighted by IDF² against a cluster's
    /// tables, and its terms as a ``TermTable`` against the cluster's latest members; with its ``Prepared`` figures.
    struct DocumentSide {
        var prepared: Prepared
        var table: TermTable
        var terms: CompactVector
        var titles: CompactVector
        var names: CompactVector
        var numbers: CompactVector
    }

    struct Cluster {
        var terms = SparseVector()
        var titles = SparseVector()
        var names = SparseVector()
        var numbers = SparseVector()
        /// The term vectors of the latest members (at most `memberLimit`), for ``Features/memberCosine``.
        var members: [CompactVector] = []
        var count = 0
        var newest: Double?
        /// The oldest dated member's day.
        var first: Double?
        var daySum = 0.0
        var dated = 0
        var storyline = -1
        var open = true
        /// Closed, but kept in compact form for undated articles (see ``Configuration/dormantEvents``).
        var dormant = false
        /// The event this one was merged into.
        var mergedInto: Int?
        /// The closed event this one follows up (a late follow-up: the trial of a shooting, weeks later): together
        /// they are one *incident* (``StoryClusterer/incident(_:)``).
        var followUpOf: Int?
        /// Weighted norms and heaviest names under the IDF of ``StoryClusterer/idfEpoch`` (``Prepared``); dropped
        /// whenever the cluster changes.
        var prepared: Prepared?
        /// The vectors as ``TermTable``s; dropped whenever the cluster changes.
        var tables: ClusterTables?

        var meanDay: Double? { dated > 0 ? daySum / Double(dated) : nil }

        /// Caches `side` (computed from this cluster as it is) until the cluster changes or the epoch moves on.
        mutating func keep(_ side: ClusterSide) {
            prepared = side.prepared
            tables = side.tables
        }

        /// Takes in the evidence of `other` (a merge).
        mutating func absorb(_ other: Cluster, pruneTo limit: Int) {
            prepared = nil
            tables = nil
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
            if let day = other.first { first = min(first ?? day, day) }
        }

        mutating func add(_ document: NewsDocument, pruneTo limit: Int) {
            prepared = nil
            tables = nil
            terms.add(document.terms)
            titles.add(document.titleTerms)
            names.add(document.names)
            numbers.add(document.numbers)
            numbers.prune(limit: limit * 2, keep: limit)
            members.append(CompactVector(document.terms))
            if members.count > 12 { members.removeFirst() }
            terms.prune(limit: limit * 2, keep: limit)
            names.prune(limit: limit * 2, keep: limit)
            titles.prune(limit: limit * 2, keep: limit)
            count += 1
            if let day = document.day {
                daySum += day
                dated += 1
                newest = max(newest ?? day, day)
                first = min(first ?? day, day)
            }
        }

        /// Closes the cluster but keeps a compact summary (the heaviest terms and names, the latest members) for
        /// undated articles.
        mutating func makeDormant() {
            prepared = nil
            tables = nil
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
            prepared = nil
            tables = nil
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
    /// The IDF that scoring reads: ``logDocumentFrequency`` as it stood at the start of the current epoch (at the
    /// 1st, 2nd, 4th, … 64th document, then every 64th). Frozen weights let norms be cached per epoch, and they
    /// depend on the stream alone, so a replayed linker scores exactly as the original did.
    private var scoringLogDF: [Float] = []
    private var scoringLogDocuments: Float = 0
    private(set) var idfEpoch = 0
    private var documentFrequency: [Int32] = []
    private var documents = 0
    private var logDocuments: Float = 0
    /// The stream's background (see ``Features/lift``): term vectors added with weights that grow by e^(day/τ), so
    /// older articles fade without rescaling the vector for every article.
    private var background = SparseVector()
    private var backgroundNorm: Float = 0
    private var backgroundOrigin: Double?
    /// The article last observed: it joins the background once the next one arrives, after its own decision.
    private var pendingBackground: NewsDocument?
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
    /// The open events, so closing stale ones costs the window, not the whole stream.
    private var openEvents: [Int32] = []
    private var openStorylines: [Int32] = []
    /// term → storylines whose evidence (the opening article of each of their events) holds it; closed ones are
    /// swept out like ``eventIndex``'s.
    private var storylineIndex: [Int32: [Int32]] = [:]
    private var staleStorylineEntries = 0

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// The number of events opened so far.
    public var eventCount: Int { events.count }
    /// The number of events opened so far and not merged into another since.
    public var distinctEventCount: Int { events.filter { $0.mergedInto == nil }.count }
    /// The number of events still open (bounded by the window, whatever the stream's length).
    public var openEventCount: Int { openEvents.count }
    /// The number of closed events kept for undated articles (at most ``Configuration/dormantEvents``).
    public var dormantEventCount: Int { events.filter(\.dormant).count }

    /// The IDF of the current epoch as a value: closures over it capture one array, not the whole clusterer (a
    /// closure stored in a local that captured `self` copied every field of it, with a retain each).
    struct IDFWeights {
        let logDF: [Float]
        let logDocuments: Float

        @inline(__always)
        func callAsFunction(_ term: Int32) -> Float {
            let index = Int(term)
            return logDocuments - (index < logDF.count ? logDF[index] : 0) + 1
        }
    }

    var idfWeights: IDFWeights { IDFWeights(logDF: scoringLogDF, logDocuments: scoringLogDocuments) }

    /// Smoothed inverse document frequency from the counts so far.
    /// - Complexity: O(1): ln(N + 1) − ln(df + 1) + 1 from cached logarithms.
    @inline(__always)
    func idf(_ term: Int32) -> Float {
        let index = Int(term)
        let logDF = index < scoringLogDF.count ? scoringLogDF[index] : 0
        return scoringLogDocuments - logDF + 1
    }

    /// The IDF-dependent figures of `document` under the current epoch.
    func prepare(_ document: NewsDocument) -> Prepared {
        let idf = idfWeights
        let weight: (Int32) -> Float = { idf($0) }
        return Prepared(
            epoch: idfEpoch, terms: document.terms.norm(weight: weight),
            titles: document.titleTerms.norm(weight: weight), names: document.names.norm(weight: weight),
            numbers: document.numbers.norm(weight: weight), members: [],
            heaviestNames: Self.heaviest(document.names, weight: weight))
    }

    /// The IDF-dependent figures of `cluster` under the current epoch, from its cache when it is current.
    func prepared(_ cluster: Cluster, reads: Reads = .all) -> Prepared {
        if let cached = cluster.prepared, cached.epoch == idfEpoch, cached.reads.covers(reads) { return cached }
        let idf = idfWeights
        let weight: (Int32) -> Float = { idf($0) }
        return Prepared(
            epoch: idfEpoch, reads: reads, terms: cluster.terms.norm(weight: weight),
            titles: reads.titles ? cluster.titles.norm(weight: weight) : 0,
            names: cluster.names.norm(weight: weight),
            numbers: reads.numbers ? cluster.numbers.norm(weight: weight) : 0,
            members: reads.members ? cluster.members.map { $0.norm(weight: weight) } : [],
            heaviestNames: reads.salientNames ? Self.heaviest(cluster.names, weight: weight) : [])
    }

    /// The article's side of every comparison under the current epoch.
    func documentSide(_ document: NewsDocument) -> DocumentSide {
        let idf = idfWeights
        let weight: (Int32) -> Float = { idf($0) }
        return DocumentSide(
            prepared: prepare(document), table: TermTable(document.terms, weight: weight),
            terms: CompactVector(document.terms, weight: weight),
            titles: CompactVector(document.titleTerms, weight: weight),
            names: CompactVector(document.names, weight: weight),
            numbers: CompactVector(document.numbers, weight: weight))
    }

    /// A cluster's side of a comparison, from its caches when they are current.
    func clusterSide(_ cluster: Cluster, reads: Reads = .all) -> ClusterSide {
        let tables =
            cluster.tables.flatMap { $0.reads.covers(reads) ? $0 : nil } ?? ClusterTables(cluster, reads: reads)
        return ClusterSide(reads: reads, prepared: prepared(cluster, reads: reads), tables: tables)
    }

    /// Event `index`'s side, kept in its caches for the rest of the epoch.
    mutating func prepareEvent(_ index: Int, reads: Reads = .all) -> ClusterSide {
        if let side = cachedSide(events[index].tables, events[index].prepared, reads: reads) { return side }
        let side = clusterSide(events[index], reads: reads)
        events[index].keep(side)
        return side
    }

    /// The same for storyline `index`.
    mutating func prepareStoryline(_ index: Int, reads: Reads = .all) -> ClusterSide {
        if let side = cachedSide(storylines[index].tables, storylines[index].prepared, reads: reads) { return side }
        let side = clusterSide(storylines[index], reads: reads)
        storylines[index].keep(side)
        return side
    }

    /// A cluster's side from its caches when both are current (read in place: passing the cluster itself
    /// copied it, with a retain for each of its arrays).
    private func cachedSide(
        _ tables: ClusterTables?, _ prepared: Prepared?, reads: Reads
    ) -> ClusterSide? {
        guard let tables, tables.reads.covers(reads), let prepared, prepared.epoch == idfEpoch,
            prepared.reads.covers(reads)
        else { return nil }
        return ClusterSide(reads: reads, prepared: prepared, tables: tables)
    }

    /// The features of `document` against an event (or, with `storyline`, a storyline: time to its mean day).
    func features(_ document: NewsDocument, _ cluster: Cluster, storyline: Bool = false) -> Features {
        features(document, documentSide(document), cluster, clusterSide(cluster), storyline: storyline)
    }

    /// The features of `document` against `cluster` from both sides' prepared forms; only what `vectors.reads`
    /// names is computed of the costly ones (the rest stay 0).
    func features(
        _ document: NewsDocument, _ table: DocumentSide, _ cluster: Cluster, _ vectors: ClusterSide,
        storyline: Bool = false
    ) -> Features {
        let reads = vectors.reads
        let side = table.prepared
        let other = vectors.prepared
        func cosine(_ dot: Float, _ a: Float, _ b: Float) -> Float { a > 0 && b > 0 ? dot / (a * b) : 0 }
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
            let delta = day - (storyline ? mean : cluster.first ?? mean)
            time = Float(exp(-(delta * delta) / (2 * configuration.sigmaDays * configuration.sigmaDays)))
            missing = 0
            if let newest = cluster.newest, let first = cluster.first {
                let span = max(newest, day) - min(first, day)
                let sigma = configuration.spanSigmaDays
                recency = Float(exp(-(span * span) / (2 * sigma * sigma)))
            }
        }
        let documentNames = reads.salientNames ? side.heaviestNames : []
        let eventNames = reads.salientNames ? other.heaviestNames : []
        let content = cosine(vectors.tables.terms.dot(table.terms), side.terms, other.terms)
        var member: Float = 0
        if reads.members {
            for (vector, norm) in zip(cluster.members, other.members) {
                member = max(member, cosine(table.table.dot(vector), side.terms, norm))
            }
        }
        return Features(
            contentCosine: content,
            titleCosine: reads.titles ? cosine(vectors.tables.titles.dot(table.titles), side.titles, other.titles) : 0,
            nameCosine: cosine(vectors.tables.names.dot(table.names), side.names, other.names),
            timeSimilarity: time,
            timeMissing: missing,
            recency: recency,
            headlineOnly: document.headlineOnly ? 1 : 0,
            numberCosine: reads.numbers
                ? cosine(vectors.tables.numbers.dot(table.numbers), side.numbers, other.numbers) : 0,
            memberCosine: member,
            nameCoverage: Self.coverage(of: documentNames, in: cluster.names),
            eventNameCoverage: Self.coverage(of: eventNames, in: document.names),
            namesMissing: document.names.isEmpty || cluster.names.isEmpty ? 1 : 0,
            topNameShared: documentNames.first.map { cluster.names.entries[$0.term] != nil ? 1 : 0 } ?? 0,
            eventTopNameShared: eventNames.first.map { document.names.entries[$0.term] != nil ? 1 : 0 } ?? 0,
            yearStated: yearStated, otherYearsStated: otherYearsStated,
            bothUndated: document.day == nil && cluster.meanDay == nil ? 1 : 0,
            late: document.day != nil && cluster.dormant ? 1 : 0,
            lift: content - currentBackground,
            size: min(1, log2(1 + Float(cluster.count)) / 8)
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

    /// The article's cosine with the background, IDF-weighted like ``SparseVector/cosine(_:weight:)``.
    func backgroundCosine(_ document: NewsDocument) -> Float {
        guard backgroundNorm > 0 else { return 0 }
        var dot: Float = 0
        var norm: Float = 0
        for (term, value) in document.terms.entries {
            let w = idf(term)
            let a = value * w
            norm += a * a
            if let b = background.entries[term] { dot += a * b * w }
        }
        guard dot > 0, norm > 0 else { return 0 }
        return dot / (norm.squareRoot() * backgroundNorm)
    }

    /// Adds the previous article to the background and recomputes its norm under the current IDF.
    private mutating func advanceBackground(clock day: Double?) {
        if let previous = pendingBackground {
            let tau = configuration.backgroundHalfLifeDays / log(2)
            let now = previous.day ?? clock ?? backgroundOrigin ?? 0
            let origin = backgroundOrigin ?? now
            backgroundOrigin = origin
            var scale = Float(exp((now - origin) / tau))
            if scale > 1e6 || !scale.isFinite {
                // Rescale so the weights stay in range: only ratios matter to a cosine.
                let factor = Float(exp(-(now - origin) / tau))
                for key in Array(background.entries.keys) { background.entries[key]! *= factor }
                backgroundOrigin = now
                scale = 1
            }
            background.add(previous.terms, scale: scale)
            background.prune(limit: configuration.backgroundTerms * 2, keep: configuration.backgroundTerms)
            pendingBackground = nil
        }
        var norm: Float = 0
        for (term, value) in background.entries {
            let b = value * idf(term)
            norm += b * b
        }
        backgroundNorm = norm.squareRoot()
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
        if documents % 64 == 0 || documents & (documents - 1) == 0 {
            scoringLogDF = logDocumentFrequency
            scoringLogDocuments = logDocuments
            idfEpoch += 1
        }
        if let day = document.day {
            clock = max(clock ?? day, day)
            closeStale()
        }
        advanceBackground(clock: document.day)
        pendingBackground = document
        currentBackground = backgroundCosine(document)
    }

    /// The cosine of the article observed last with the background (before it joined it).
    private var currentBackground: Float = 0

    /// The events `document` may join: the open ones, and the dormant ones too for an undated article or a late
    /// follow-up (training).
    func joinableEvents(for document: NewsDocument) -> [Int] {
        let dormant = document.day == nil || configuration.lateFollowUps
        return events.indices.filter { events[$0].open || (dormant && events[$0].dormant) }
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
        openEvents.append(Int32(events.count - 1))
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
        let opensEvent = event == events.count
        if storyline == storylines.count {
            var line = Cluster()
            line.add(document, pruneTo: configuration.centroidTerms)
            storylines.append(line)
            openStorylines.append(Int32(storyline))
            fileStoryline(storyline, document)
        } else if opensEvent, storylines.indices.contains(storyline) {
            extendStoryline(storyline, with: document)
        }
        if opensEvent {
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
        clusters(of: documents, configuration: configuration).events
    }

    /// The same, with each one's storyline and incident (``incident(_:)``).
    public static func clusters(of documents: [NewsDocument], configuration: Configuration) -> (
        events: [Int], storylines: [Int], incidents: [Int]
    ) {
        var clusterer = StoryClusterer(configuration: configuration)
        let assignments = documents.map { clusterer.add($0) }
        return (
            assignments.map { clusterer.resolve($0.event) }, assignments.map(\.storyline),
            assignments.map { clusterer.incident($0.event) }
        )
    }

    /// Adds `document` to storyline `index`, opening it again when it had closed (a late follow-up).
    private mutating func extendStoryline(_ index: Int, with document: NewsDocument) {
        if !storylines[index].open {
            storylines[index].open = true
            openStorylines.append(Int32(index))
            // Its entries were swept out when it closed: file its evidence again.
            Self.index(
                event: index, terms: storylines[index].terms, names: storylines[index].names, into: &storylineIndex)
        }
        storylines[index].add(document, pruneTo: configuration.centroidTerms)
        fileStoryline(index, document)
    }

    /// Files `document` (an event's opening article) under storyline `index` for candidate retrieval.
    private mutating func fileStoryline(_ index: Int, _ document: NewsDocument) {
        Self.index(event: index, terms: document.terms, names: document.names, into: &storylineIndex)
    }

    /// Adds one article (in publication order) and returns its event and storyline.
    public mutating func add(_ document: NewsDocument) -> Assignment {
        // 1–2. Online IDF and windows.
        observe(document)
        // 3–4. Candidates and the best event.
        var best: (index: Int, score: Float)?
        let joinable = candidates(for: document)
        let side = documentSide(document)
        let eventReads = configuration.eventModel.reads
        for candidate in joinable {
            let other = prepareEvent(candidate, reads: eventReads)
            let score = configuration.eventModel.score(features(document, side, events[candidate], other))
            if score > 0, score > (best?.score ?? -.infinity) { best = (candidate, score) }
        }
        if let best, document.day != nil, events[best.index].dormant {
            // A late follow-up (an arrest, a trial, weeks after the happening): the same story, not the same days.
            // It opens an event of its own in the old event's storyline, so no event outgrows its days.
            let storyline = events[best.index].storyline
            extendStoryline(storyline, with: document)
            return openEvent(document, storyline: storyline, followUpOf: resolve(best.index))
        }
        if let best {
            join(document, event: best.index)
            let storyline = events[best.index].storyline
            // The event has grown: a fragment among the article's other candidates (one or a few articles turned
            // away from it earlier) may now fit it. Only full texts look; headlines are too short to tell.
            var merged: [Int] = []
            if let threshold = configuration.eventModel.fragmentThreshold, !document.headlineOnly {
                for other in joinable {
                    let a = resolve(best.index)
                    let b = resolve(other)
                    guard a != b else { continue }
                    let (small, large) = events[a].count <= events[b].count ? (a, b) : (b, a)
                    // A merge keeps an event within its days: a dated article never brings a closed event back
                    // into an open one (that is a follow-up), and no merge makes an event span more than its life.
                    if document.day != nil, events[a].dormant || events[b].dormant { continue }
                    if let first = [events[a].first, events[b].first].compactMap({ $0 }).min(),
                        let newest = [events[a].newest, events[b].newest].compactMap({ $0 }).max(),
                        newest - first > configuration.eventLifeDays
                    {
                        continue
                    }
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
        // 5. The new event's storyline. A storyline's evidence is the opening article of each of its events, so a
        // big event does not make it a bucket of its own words.
        var bestLine: (index: Int, score: Float)?
        let storylineReads = configuration.storylineModel.reads
        for position in storylineCandidates(for: document) {
            let other = prepareStoryline(position, reads: storylineReads)
            let score = configuration.storylineModel.score(
                features(document, side, storylines[position], other, storyline: true))
            if score > 0, score > (bestLine?.score ?? -.infinity) { bestLine = (position, score) }
        }
        let storyline: Int
        if let bestLine {
            storyline = bestLine.index
            storylines[storyline].add(document, pruneTo: configuration.centroidTerms)
        } else {
            storyline = storylines.count
            var line = Cluster()
            line.add(document, pruneTo: configuration.centroidTerms)
            storylines.append(line)
            openStorylines.append(Int32(storyline))
        }
        fileStoryline(storyline, document)
        return openEvent(document, storyline: storyline)
    }

    /// Opens a new event with `document` in `storyline` and files it in the candidate index.
    private mutating func openEvent(_ document: NewsDocument, storyline: Int, followUpOf: Int? = nil) -> Assignment {
        var event = Cluster()
        event.add(document, pruneTo: configuration.centroidTerms)
        event.storyline = storyline
        event.followUpOf = followUpOf
        events.append(event)
        openEvents.append(Int32(events.count - 1))
        Self.index(event: events.count - 1, terms: document.terms, names: document.names, into: &eventIndex)
        return Assignment(
            event: events.count - 1, storyline: storyline, openedEvent: true,
            referenceDay: event.meanDay ?? storylines[storyline].meanDay, followUpOf: followUpOf)
    }

    /// The incident `event` belongs to now: the event it follows up (through every follow-up and merge), or itself.
    /// An event is days of one happening; an incident is that event with its late follow-ups (an arrest, a trial,
    /// an anniversary weeks or months on), which is what benchmarks such as gva-dev and ECB+ call an event.
    public func incident(_ event: Int) -> Int {
        var current = resolve(event)
        // Each step goes to an older event, except when merges make a follow-up's incident resolve to itself.
        for _ in 0..<events.count {
            guard events.indices.contains(current), let next = events[current].followUpOf else { break }
            let root = resolve(next)
            if root == current { break }
            current = root
        }
        return current
    }

    /// Records that event `event` follows up `earlier` (replaying a stored decision).
    public mutating func setFollowUp(_ event: Int, of earlier: Int) {
        guard events.indices.contains(event), earlier != event else { return }
        events[event].followUpOf = earlier
    }

    /// The document's most distinctive terms and names (the 40 heaviest by weight × IDF), which find the events and
    /// storylines worth scoring exactly. Terms in more than `maxKeyShare` of the articles so far are no keys: they
    /// find every event of the period (on a dense stream thousands), and a real candidate shares rarer terms too.
    private func keys(for document: NewsDocument) -> ArraySlice<(Int32, Float)> {
        let ceiling = max(20, Int32(configuration.maxKeyShare * Double(documents)))
        let common: (Int32) -> Bool = { term in
            Int(term) < self.documentFrequency.count && self.documentFrequency[Int(term)] > ceiling
        }
        var weighted: [(Int32, Float)] = []
        for vector in [document.terms, document.names] {
            for (term, value) in vector.entries where !common(term) { weighted.append((term, value * idf(term))) }
        }
        return weighted.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(40)
    }

    /// The open storylines a new event may join: those whose evidence shares its keys, the best `maxCandidates`
    /// (scoring every open storyline cost most of the linker's time on a dense stream: thousands stay open for
    /// their 45 days).
    private func storylineCandidates(for document: NewsDocument) -> [Int] {
        var hits: [Int32: Float] = [:]
        for (term, weight) in keys(for: document) {
            for line in storylineIndex[term] ?? [] where storylines[Int(line)].open { hits[line, default: 0] += weight }
        }
        return hits.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(configuration.maxCandidates).map { Int($0.key) }
    }

    private func candidates(for document: NewsDocument) -> [Int] {
        var hits: [Int32: Float] = [:]
        let keys = keys(for: document)
        let undated = document.day == nil
        var dormantHits: [Int32: Float] = [:]
        for (term, weight) in keys {
            for event in eventIndex[term] ?? [] where events[Int(event)].open { hits[event, default: 0] += weight }
            guard undated || configuration.lateFollowUps else { continue }
            for event in dormantIndex[term] ?? [] where events[Int(event)].dormant {
                dormantHits[event, default: 0] += weight
            }
        }
        func best(_ hits: [Int32: Float], _ count: Int) -> [Int] {
            hits.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(count).map {
                Int($0.key)
            }
        }
        // An undated article has no days to keep it to the open events: it weighs every candidate alike.
        if undated {
            hits.merge(dormantHits) { $0 + $1 }
            return best(hits, configuration.maxCandidates)
        }
        return best(hits, configuration.maxCandidates) + best(dormantHits, configuration.maxDormantCandidates)
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

    private func sweep(_ index: inout [Int32: [Int32]], keeping keep: (Int) -> Bool) {
        for (term, list) in index {
            let kept = list.filter { keep(Int($0)) }
            if kept.count != list.count { index[term] = kept.isEmpty ? nil : kept }
        }
    }

    /// Closes events and storylines past their windows and drops closed events from the candidate index.
    private mutating func closeStale() {
        guard let clock else { return }
        var stillOpen: [Int32] = []
        stillOpen.reserveCapacity(openEvents.count)
        for position in openEvents {
            let index = Int(position)
            guard events[index].open else { continue }
            if let newest = events[index].newest, let first = events[index].first,
                clock - newest > configuration.eventWindowDays || clock - first > configuration.eventLifeDays
            {
                events[index].makeDormant()
                Self.index(
                    event: index, terms: events[index].terms, names: events[index].names, into: &dormantIndex)
                dormantQueue.append(Int32(index))
                staleEntries += 1
            } else {
                stillOpen.append(position)
            }
        }
        openEvents = stillOpen
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
            sweep(&eventIndex) { events[$0].open }
            sweep(&dormantIndex) { events[$0].dormant }
            staleEntries = 0
        }
        openStorylines.removeAll { position in
            let index = Int(position)
            guard storylines[index].open else { return true }
            if let newest = storylines[index].newest, clock - newest > configuration.storylineWindowDays {
                storylines[index].close()
                staleStorylineEntries += 1
                return true
            }
            return false
        }
        if staleStorylineEntries > 256 {
            sweep(&storylineIndex) { storylines[$0].open }
            staleStorylineEntries = 0
        }
    }
}
