import Testing
import WartaCluster
import WartaPipeline

@Suite("Cluster statistics and vectors")
struct ClusterStatisticsTests {
    @Test("sizes, singletons and spans of a clustering, largest first")
    func figures() {
        let members: [(label: String, day: Double?, title: String)] = [
            ("a", 10, "a1"), ("a", 12.5, "a2"), ("b", 11, "b1"), ("a", nil, "a3"), ("c", 11, "c1"), ("c", 11.25, "c2"),
        ]
        let statistics = ClusterStatistics(members)
        #expect(statistics.documents == 6)
        #expect(statistics.clusters == 3)
        #expect(statistics.singletons == 1)
        #expect(statistics.largest.map(\.label) == ["a", "c", "b"])
        #expect(statistics.largest[0].size == 3)
        #expect(statistics.largest[0].spanDays == 2.5)
        #expect(statistics.largest[0].titles == ["a1", "a2", "a3"])
        // Spans of the clusters of two or more: 0.25 and 2.5.
        #expect(statistics.spanMedian == 0.25)
        #expect(statistics.spanMax == 2.5)
        #expect(statistics.sizeMedian == 2)
        #expect(statistics.report().hasPrefix("events: 3 for 6 articles (1 singletons)"))
    }

    @Test("the table's dot product equals the dictionary cosine")
    func tableCosine() {
        let a = SparseVector([1: 2, 5: 1, 9: 0.5, 1_000_003: 3])
        let b = SparseVector([1: 1, 9: 4, 7: 2, 1_000_003: 1])
        let weight: (Int32) -> Float = { 1 + Float($0 % 7) / 3 }
        let table = TermTable(a, weight: weight)
        let compact = CompactVector(b)
        let cosine = table.dot(compact) / (a.norm(weight: weight) * compact.norm(weight: weight))
        #expect(abs(cosine - a.cosine(b, weight: weight)) < 1e-6)
        #expect(TermTable(SparseVector(), weight: weight).dot(compact) == 0)
    }
}
