/// What unlabelled news says about a lower-cased word: its clusters and how often it is written capitalised.
package struct WordStatistics: Sendable, Hashable {
    /// Cluster ids at three granularities (coarse to fine), or -1.
    package var clusters: (Int16, Int16, Int16)
    /// The share of mid-sentence uses written with an initial capital, in tenths (0…10), or -1 when unknown.
    package var capitalisedTenths: Int8
    /// The base-2 logarithm of the word's count, capped at 15.
    package var frequencyBucket: Int8

    package init(clusters: (Int16, Int16, Int16), capitalisedTenths: Int8, frequencyBucket: Int8) {
        self.clusters = clusters
        self.capitalisedTenths = capitalisedTenths
        self.frequencyBucket = frequencyBucket
    }

    /// Nothing known about the word.
    package static let unknown = WordStatistics(clusters: (-1, -1, -1), capitalisedTenths: -1, frequencyBucket: -1)

    package static func == (lhs: WordStatistics, rhs: WordStatistics) -> Bool {
        lhs.clusters == rhs.clusters && lhs.capitalisedTenths == rhs.capitalisedTenths
            && lhs.frequencyBucket == rhs.frequencyBucket
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(clusters.0)
        hasher.combine(clusters.1)
        hasher.combine(clusters.2)
        hasher.combine(capitalisedTenths)
        hasher.combine(frequencyBucket)
    }
}
