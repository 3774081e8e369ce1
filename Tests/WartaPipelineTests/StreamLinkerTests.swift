import Foundation
import Testing
import WartaCluster
import WartaCore
import WartaIngest
import WartaPipeline
import WartaStore
import WartaTestSupport

/// The linker on invented streams: copies, events, windows, and replay from stored decisions.
@Suite("Stream linker")
struct StreamLinkerTests {
    static let quake = """
        A magnitude 6.1 earthquake struck the Indonesian province of Aceh on Tuesday, killing at least 22 people and \
        injuring hundreds, the National Disaster Mitigation Agency said. Rescuers in Bener Meriah searched collapsed \
        houses for survivors as aftershocks shook the region. Agency spokesman Sutopo Purwo Nugroho said the toll \
        could rise.
        """
    static let quakeFollowUp = """
        The death toll from the magnitude 6.1 earthquake in Aceh rose to 35 on Wednesday, the National Disaster \
        Mitigation Agency said, as rescuers in Bener Meriah and Central Aceh dug through collapsed houses. Spokesman \
        Sutopo Purwo Nugroho said thousands had fled to shelters.
        """
    static let election = """
        Voters in the Netherlands went to the polls on Wednesday in a general election dominated by immigration, \
        with Prime Minister Mark Rutte's party leading the final opinion polls in Amsterdam and Rotterdam.
        """

    static func input(_ id: String, day: Double?, title: String, text: String) -> StreamLinker.Input {
        StreamLinker.Input(id: id, day: day, language: .english, outlet: nil, title: title, text: text)
    }

    @Test("joins a follow-up to its event, opens a new one for another happening, folds copies")
    func events() throws {
        var linker = try StreamLinker.bundled()
        let a = linker.add(Self.input("a", day: 19_000, title: "Earthquake kills 22 in Aceh", text: Self.quake))
        let b = linker.add(Self.input("b", day: 19_001, title: "Aceh quake toll rises to 35", text: Self.quakeFollowUp))
        let c = linker.add(Self.input("c", day: 19_001, title: "Dutch vote in election", text: Self.election))
        let d = linker.add(Self.input("d", day: 19_001, title: "Earthquake kills 22 in Aceh", text: Self.quake))
        #expect(a.story == b.story)
        #expect(c.story != a.story)
        #expect(d.duplicateOf == "a")
        #expect(d.story == a.story)
        #expect(linker.eventCount == 2)
    }

    @Test("a re-post under a new title is a copy of its origin (real CLICK-ID re-posts); 'loading...' stubs are not")
    func reposts() throws {
        let text = String(decoding: try Fixtures.bytes("dedup/clickid-reposts.jsonl"), as: UTF8.self)
        var linker = try StreamLinker.bundled()
        var outputs: [String: StreamLinker.Output] = [:]
        for line in text.split(separator: "\n") {
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let id = try #require(record["id"] as? String)
            outputs[id] = linker.add(
                StreamLinker.Input(
                    id: id, day: nil, language: .indonesian, outlet: record["outlet"] as? String,
                    title: record["title"] as? String ?? "", text: record["text"] as? String ?? ""))
        }
        // liputan6.com → liputan6.com and kompas.com → tribunnews.com, each under a new title.
        #expect(outputs["clk-e4bfd32dc047"]?.duplicateOf == "clk-b19d6af4b59d")
        #expect(outputs["clk-87c9c091954f"]?.duplicateOf == "clk-b06a541e4456")
        #expect(outputs["clk-87c9c091954f"]?.story == outputs["clk-b06a541e4456"]?.story)
        #expect(outputs["clk-ed925fadf34c"]?.duplicateOf == nil)
        #expect(outputs["clk-378d2ab7cca2"]?.duplicateOf == nil)
    }

    @Test(
        "closes events past the window: weeks later the same subject is a late follow-up or, without them, a new event")
    func window() throws {
        for late in [true, false] {
            var configuration = StoryClusterer.Configuration()
            configuration.lateFollowUps = late
            var linker = try StreamLinker.bundled(configuration: configuration)
            let a = linker.add(Self.input("a", day: 19_000, title: "Earthquake kills 22 in Aceh", text: Self.quake))
            let other = linker.add(Self.input("c", day: 19_060, title: "Dutch vote in election", text: Self.election))
            #expect(linker.clusterer.openEventCount == 1)
            let later = linker.add(
                Self.input("b", day: 19_061, title: "Aceh quake toll rises to 35", text: Self.quakeFollowUp))
            // A late follow-up opens an event of its own in the old event's storyline; without them, the storyline
            // (closed after 45 days) is new too.
            #expect(later.story != a.story)
            #expect((later.storyline == a.storyline) == late, "late follow-ups: \(late)")
            #expect(later.storyline != other.storyline)
            // A late follow-up's incident is the old event; a new event is its own incident.
            #expect(later.followUpOf == (late ? a.eventNumber : nil))
            #expect(later.incident == (late ? a.story : later.story))
            #expect(other.incident == other.story)
        }
    }

    @Test(
        "gva-dev: no event spans more than its life, merges included; late follow-ups tie later events to their incident",
        .enabled(if: Fixtures.shared != nil))
    func incidents() throws {
        let path = try #require(Fixtures.shared).appendingPathComponent("bench/clustering/gva-dev/gva-dev.jsonl.gz")
        let reader = try JSONLinesReader(path: path.path)
        var inputs: [StreamLinker.Input] = []
        var number = 0
        while let line = try reader.next() {
            number += 1
            // Every third article: months of local news in a few hundred articles, to keep the debug run short.
            guard number % 3 == 0 else { continue }
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            let date = (record["date"] as? String).flatMap { ISO8601DateFormatter().date(from: $0 + "T00:00:00Z") }
            inputs.append(
                StreamLinker.Input(
                    id: "\(record["id"] ?? number)", day: date.map { $0.timeIntervalSince1970 / 86_400 },
                    language: .english, outlet: nil, title: record["title"] as? String ?? "",
                    text: record["text"] as? String ?? ""))
        }
        inputs.sort { ($0.day ?? .infinity, $0.id) < ($1.day ?? .infinity, $1.id) }
        #expect(inputs.count > 900)
        var linker = try StreamLinker.bundled()
        let outputs = linker.addAll(inputs)
        var days: [String: [Double]] = [:]
        // An event's own articles: a copy follows its origin's event whenever it was re-posted.
        for (output, input) in zip(outputs, inputs) where output.duplicateOf == nil {
            if let day = input.day { days[output.story, default: []].append(day) }
        }
        let life = StoryClusterer.Configuration().eventLifeDays
        let spans = days.values.map { ($0.max() ?? 0) - ($0.min() ?? 0) }
        #expect(spans.allSatisfy { $0 <= life + 1e-9 }, "longest event span \(spans.max() ?? 0) days")
        // Follow-ups exist, and each ties its event to an incident that began earlier.
        let followUps = outputs.filter { $0.incident != $0.story }
        #expect(followUps.count >= 5)
        for output in followUps {
            let incidentStart = days[output.incident]?.min() ?? .infinity
            let eventStart = days[output.story]?.min() ?? -.infinity
            #expect(incidentStart < eventStart, "\(output.id): incident \(output.incident) after its follow-up")
        }
    }

    @Test("an event is closed by its age, however often it is fed")
    func life() {
        var configuration = StoryClusterer.Configuration()
        configuration.lateFollowUps = false
        var weights = [Float](repeating: 0, count: StoryClusterer.Model.event.weights.count)
        weights[0] = 10
        configuration.eventModel = StoryClusterer.Model(weights: weights, bias: -3)
        var clusterer = StoryClusterer(configuration: configuration)
        let terms = SparseVector([1: 1, 2: 1, 3: 1])
        var events: [Int] = []
        for day in 0...12 {
            let document = NewsDocument(
                id: "a\(day)", day: 19_000 + Double(day), title: "", outlet: nil, terms: terms, titleTerms: terms,
                names: SparseVector())
            events.append(clusterer.add(document).event)
        }
        // Fed every day, the first event takes the articles of its first week, then closes by its age.
        #expect(events.prefix(8).allSatisfy { $0 == events[0] })
        #expect(events[8] != events[0])
        #expect(Set(events).count == 2)
    }

    @Test("an undated follow-up still finds its event after the window closed it; without dormant events it cannot")
    func undated() throws {
        for kept in [5_000, 0] {
            var configuration = StoryClusterer.Configuration()
            configuration.dormantEvents = kept
            var linker = try StreamLinker.bundled(configuration: configuration)
            let a = linker.add(Self.input("a", day: 19_000, title: "Earthquake kills 22 in Aceh", text: Self.quake))
            _ = linker.add(Self.input("c", day: 19_060, title: "Dutch vote in election", text: Self.election))
            #expect(linker.clusterer.openEventCount == 1)
            let b = linker.add(
                Self.input("b", day: nil, title: "Aceh quake toll rises to 35", text: Self.quakeFollowUp))
            #expect((b.story == a.story) == (kept > 0), "dormant events kept: \(kept)")
        }
    }

    @Test(
        "the year of a day count, across leap years and eras",
        arguments: [
            (0.0, 1970), (-1.0, 1969), (10_957.0, 2000), (11_322.5, 2000), (11_323.0, 2001), (19_723.0, 2024),
            (20_088.9, 2024), (20_089.0, 2025), (-719_468.0, 0),
        ])
    func yearOfDay(_ day: Double, _ year: Int) {
        #expect(StoryClusterer.year(ofDay: day) == year)
    }

    @Test("closed events kept for undated articles are bounded")
    func dormantBound() throws {
        var configuration = StoryClusterer.Configuration()
        configuration.dormantEvents = 3
        var linker = try StreamLinker.bundled(configuration: configuration)
        let subjects = ["harbour", "vaccine", "railway", "festival", "drought", "election", "museum", "bridge"]
        for (index, subject) in subjects.enumerated() {
            let text = "The \(subject) report from \(subject.capitalized) City came out on Monday, officials said."
            _ = linker.add(Self.input("\(index)", day: 19_000 + Double(index) * 30, title: subject, text: text))
        }
        #expect(linker.eventCount == subjects.count)
        #expect(linker.clusterer.openEventCount == 1)
        #expect(linker.clusterer.dormantEventCount == 3)
    }

    @Test("a linker rebuilt from stored decisions decides the next article as the original does")
    func replay() throws {
        let inputs = [
            Self.input("a", day: 19_000, title: "Earthquake kills 22 in Aceh", text: Self.quake),
            Self.input("c", day: 19_001, title: "Dutch vote in election", text: Self.election),
        ]
        var original = try StreamLinker.bundled()
        let outputs = inputs.map { original.add($0) }
        var rebuilt = try StreamLinker.bundled()
        for (input, output) in zip(inputs, outputs) {
            rebuilt.restore(
                input, event: output.eventNumber, storyline: output.storylineNumber, duplicateOf: output.duplicateOf)
        }
        let next = Self.input("b", day: 19_001, title: "Aceh quake toll rises to 35", text: Self.quakeFollowUp)
        #expect(original.add(next) == rebuilt.add(next))
    }

    static let eruption = """
        Mount Merapi erupted again near Yogyakarta, sending hot ash clouds down its slopes and forcing villagers in \
        Sleman to flee, the volcanology centre said. Flights at Adisucipto airport were suspended.
        """

    /// A linker whose events join on content alone (cosine above 0.3) and merge when a fragment fits an event that
    /// grew that well.
    static func merging() throws -> StreamLinker {
        var configuration = StoryClusterer.Configuration()
        var weights = [Float](repeating: 0, count: StoryClusterer.Model.event.weights.count)
        weights[0] = 10
        configuration.eventModel = StoryClusterer.Model(
            weights: weights, bias: -3, fragmentThreshold: 0)
        return try StreamLinker.bundled(configuration: configuration)
    }

    @Test("a full text that fits two events merges them; every earlier story resolves through the merge")
    func merge() throws {
        var linker = try Self.merging()
        let a = linker.add(Self.input("a", day: 19_000, title: "Earthquake kills 22 in Aceh", text: Self.quake))
        let c = linker.add(Self.input("c", day: 19_000, title: "Merapi erupts", text: Self.eruption))
        #expect(a.story != c.story)
        let b = linker.add(
            Self.input("b", day: 19_000, title: "Quake and eruption", text: Self.quake + " " + Self.eruption))
        #expect(b.mergedEvents.count == 1)
        #expect(Set([a, b, c].map { linker.resolved($0).story }).count == 1)
        #expect(linker.eventCount == 2)
        #expect(linker.distinctEventCount == 1)
    }

    @Test("a headline fits two events as well but merges nothing")
    func headlineNoMerge() throws {
        var linker = try Self.merging()
        let a = linker.add(Self.input("a", day: 19_000, title: "Aceh earthquake", text: ""))
        let c = linker.add(Self.input("c", day: 19_000, title: "Merapi eruption", text: ""))
        let b = linker.add(Self.input("b", day: 19_000, title: "Aceh earthquake, Merapi eruption", text: ""))
        #expect(b.mergedEvents.isEmpty)
        #expect(linker.resolved(a).story != linker.resolved(c).story)
    }

    @Test("reports show merged events as one, under the lowest number")
    func mergedInReports() {
        func link(_ article: Int64, _ event: Int, merged: [Int] = []) -> ArticleLink {
            ArticleLink(
                article: ArticleID(article), position: Int(article), event: event, storyline: event, duplicateOf: nil,
                mergedEvents: merged)
        }
        let links = [link(1, 0), link(2, 1), link(3, 2), link(4, 3), link(5, 2, merged: [1]), link(6, 3, merged: [2])]
        #expect(Reports.mergedEvents(links) == [2: 1, 3: 1])
        #expect(Reports.mergedEvents(Array(links.prefix(4))).isEmpty)
    }

    @Test("a linker rebuilt from stored decisions, merges included, goes on as the original does")
    func replayMerges() throws {
        let inputs = [
            Self.input("a", day: 19_000, title: "Earthquake kills 22 in Aceh", text: Self.quake),
            Self.input("c", day: 19_000, title: "Merapi erupts", text: Self.eruption),
            Self.input("b", day: 19_000, title: "Quake and eruption", text: Self.quake + " " + Self.eruption),
            Self.input("e", day: 19_001, title: "Dutch vote in election", text: Self.election),
        ]
        var original = try Self.merging()
        let outputs = inputs.map { original.add($0) }
        #expect(outputs.contains { !$0.mergedEvents.isEmpty })
        var rebuilt = try Self.merging()
        for (input, output) in zip(inputs, outputs) {
            rebuilt.restore(
                input, event: output.eventNumber, storyline: output.storylineNumber, duplicateOf: output.duplicateOf,
                mergedEvents: output.mergedEvents)
        }
        #expect(outputs.map(original.resolved) == outputs.map(rebuilt.resolved))
        for next in [
            Self.input("f", day: 19_001, title: "Merapi ash closes airport", text: Self.eruption),
            Self.input("g", day: 19_001, title: "Aceh quake toll rises to 35", text: Self.quakeFollowUp),
        ] {
            #expect(original.add(next) == rebuilt.add(next))
        }
        #expect(outputs.map(original.resolved) == outputs.map(rebuilt.resolved))
    }
}
