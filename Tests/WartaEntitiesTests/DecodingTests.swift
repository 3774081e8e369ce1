import Testing
import WartaCore
import WartaEntities

@Suite("BILOU tags, CoNLL reading and Viterbi decoding")
struct DecodingTests {
    @Test("spans round-trip through BILOU tags")
    func bilouRoundTrip() {
        let spans = [
            EntitySpan(start: 0, end: 1, kind: 2), EntitySpan(start: 2, end: 5, kind: 0),
            EntitySpan(start: 5, end: 7, kind: 1),
        ]
        let tags = BILOUTag.tags(spans: spans, count: 8)
        #expect(
            tags.map(BILOUTag.name) == [
                "U-PLACE", "O", "B-PERSON", "I-PERSON", "L-PERSON", "B-ORGANISATION", "L-ORGANISATION", "O",
            ])
        #expect(BILOUTag.spans(tags) == spans)
    }

    @Test("CoNLL reading maps labels and opens a span on an I- tag after O (conlleval)")
    func conll() {
        let text =
            "Kata\tO\nJoko\tI-PERSON\nWidodo\tI-PERSON\ndi\tO\nBali\tB-PLACE\nfestival\tB-EVT\n\nPT\tB-ORGANISATION\n"
        let sentences = LabelledSentence.read(conll: text)
        #expect(sentences.count == 2)
        #expect(sentences[0].words == ["Kata", "Joko", "Widodo", "di", "Bali", "festival"])
        #expect(
            sentences[0].entities == [EntitySpan(start: 1, end: 3, kind: 0), EntitySpan(start: 4, end: 5, kind: 2)])
        #expect(sentences[1].entities == [EntitySpan(start: 0, end: 1, kind: 1)])
        // NERP labels map too.
        let nerp = LabelledSentence.read(conll: "jokowi\tB-PPL\nke\tO\nsolo\tB-PLC\nbank\tB-IND\n")
        #expect(nerp[0].entities.map(\.kind) == [0, 2, 1])
    }

    /// Weights where row r rewards tag r only, and neutral transitions: a token with row r asks for tag r.
    static func tagRewards() -> (weights: [Int32], transitions: [Int32]) {
        let tagCount = BILOUTag.count
        var weights = [Int32](repeating: 0, count: tagCount * tagCount)
        for tag in 0..<tagCount { weights[tag * tagCount + tag] = 10 }
        return (weights, [Int32](repeating: 0, count: (tagCount + 1) * tagCount))
    }

    @Test("Viterbi with tag masks keeps every token inside its mask, and without them takes the best path")
    func viterbiMasks() {
        let (weights, transitions) = Self.tagRewards()
        // The tokens ask for one three-token PERSON span.
        let wanted = [BILOUTag.index(0, .begin), BILOUTag.index(0, .inside), BILOUTag.index(0, .last)]
        let rows = wanted.map { Int32($0) }
        let free = ViterbiDecoder.decode(rows: rows, offsets: [0, 1, 2, 3], weights: weights, transitions: transitions)
        #expect(free.tags == wanted)
        // Token 0 must be U-PLACE and token 1 must open a span or be outside: the rest becomes its own span.
        var allowed = [UInt16](repeating: .max, count: 3)
        allowed[0] = 1 << BILOUTag.index(2, .unit)
        allowed[1] = 1 << BILOUTag.outside | 1 << BILOUTag.index(0, .begin) | 1 << BILOUTag.index(0, .unit)
        let forced = ViterbiDecoder.decode(
            rows: rows, offsets: [0, 1, 2, 3], weights: weights, transitions: transitions, allowed: allowed)
        #expect(forced.tags == [BILOUTag.index(2, .unit), BILOUTag.index(0, .begin), BILOUTag.index(0, .last)])
    }

    @Test("Viterbi never produces an invalid BILOU sequence, even when emissions ask for one")
    func viterbiConstraints() {
        // Tokens ask for I-PERSON, then O, then L-PLACE: all invalid in that order.
        let (weights, transitions) = Self.tagRewards()
        let wanted = [BILOUTag.index(0, .inside), BILOUTag.outside, BILOUTag.index(2, .last)]
        let decoding = ViterbiDecoder.decode(
            rows: wanted.map { Int32($0) }, offsets: [0, 1, 2, 3], weights: weights, transitions: transitions)
        var previous = -1
        for tag in decoding.tags {
            #expect(BILOUTag.allowed(previous, tag))
            previous = tag
        }
        #expect(BILOUTag.canEnd(previous))
        // A valid request is followed exactly.
        let valid = [BILOUTag.index(0, .begin), BILOUTag.index(0, .last), BILOUTag.outside]
        let followed = ViterbiDecoder.decode(
            rows: valid.map { Int32($0) }, offsets: [0, 1, 2, 3], weights: weights, transitions: transitions)
        #expect(followed.tags == valid)
        #expect(ViterbiDecoder.decode(rows: [], offsets: [0], weights: weights, transitions: transitions).tags.isEmpty)
    }

    @Test("exact-span scoring counts boundary and type errors as both a false positive and a miss")
    func scoring() {
        var evaluation = NEREvaluation()
        evaluation.add(
            gold: [EntitySpan(start: 0, end: 2, kind: 0), EntitySpan(start: 3, end: 4, kind: 2)],
            predicted: [EntitySpan(start: 0, end: 2, kind: 0), EntitySpan(start: 3, end: 4, kind: 1)], tokens: 5)
        #expect(evaluation.overall.truePositives == 1)
        #expect(evaluation.overall.precision == 0.5)
        #expect(evaluation.overall.recall == 0.5)
        #expect(evaluation.perKind[0].f1 == 1)
        #expect(evaluation.perKind[2].recall == 0)
    }
}
