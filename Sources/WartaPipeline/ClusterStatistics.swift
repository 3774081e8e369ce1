import Foundation

/// Size and time-span figures of a clustering, so a collapse (one "event" of thousands of articles over months)
/// is visible without gold labels.
public struct ClusterStatistics: Sendable, Equatable {
    /// One cluster's figures.
    public struct Cluster: Sendable, Equatable {
        public var label: String
        public var size: Int
        /// Days from the oldest to the newest dated member; 0 for a cluster with fewer than two dated members.
        public var spanDays: Double
        /// Up to five member titles, in stream order.
        public var titles: [String]
    }

    public var documents: Int
    public var clusters: Int
    public var singletons: Int
    /// The largest clusters, largest first (ties by label), at most `largestKept`.
    public var largest: [Cluster]
    /// Span percentiles over clusters of two or more members (nearest rank), in days.
    public var spanMedian: Double
    public var spanP95: Double
    public var spanMax: Double
    /// Sizes of the largest, the 95th and the 50th percentile cluster.
    public var sizeP95: Int
    public var sizeMedian: Int

    /// Figures for `members` (cluster label, day, title) in stream order.
    public init(_ members: [(label: String, day: Double?, title: String)], largestKept: Int = 10) {
        struct Accumulator {
            var size = 0
            var first: Double?
            var last: Double?
            var titles: [String] = []
        }
        var byLabel: [String: Accumulator] = [:]
        for member in members {
            var cluster = byLabel[member.label, default: Accumulator()]
            cluster.size += 1
            if let day = member.day {
                cluster.first = min(cluster.first ?? day, day)
                cluster.last = max(cluster.last ?? day, day)
            }
            if cluster.titles.count < 5 { cluster.titles.append(member.title) }
            byLabel[member.label] = cluster
        }
        let all = byLabel.map { label, cluster in
            Cluster(
                label: label, size: cluster.size,
                spanDays: cluster.first.flatMap { first in cluster.last.map { $0 - first } } ?? 0,
                titles: cluster.titles)
        }
        .sorted { $0.size != $1.size ? $0.size > $1.size : $0.label < $1.label }
        documents = members.count
        clusters = all.count
        singletons = all.filter { $0.size == 1 }.count
        largest = Array(all.prefix(largestKept))
        let spans = all.filter { $0.size > 1 }.map(\.spanDays).sorted()
        spanMedian = Self.percentile(spans, 0.5) ?? 0
        spanP95 = Self.percentile(spans, 0.95) ?? 0
        spanMax = spans.last ?? 0
        let sizes = all.map(\.size).sorted()
        sizeP95 = Self.percentile(sizes, 0.95) ?? 0
        sizeMedian = Self.percentile(sizes, 0.5) ?? 0
    }

    /// The nearest-rank percentile of sorted `values`; `nil` when empty.
    static func percentile<T>(_ values: [T], _ p: Double) -> T? {
        guard !values.isEmpty else { return nil }
        let rank = Int((p * Double(values.count)).rounded(.up))
        return values[min(max(rank, 1), values.count) - 1]
    }

    /// A plain report: one summary line, then the largest clusters with their first titles.
    public func report(titles: Int = 3) -> String {
        var lines = [
            "events: \(clusters) for \(documents) articles (\(singletons) singletons); size median \(sizeMedian), "
                + "p95 \(sizeP95), largest \(largest.first?.size ?? 0)",
            "event span (events of 2+ articles, days): median "
                + String(format: "%.1f, p95 %.1f, max %.1f", spanMedian, spanP95, spanMax),
        ]
        for cluster in largest {
            lines.append(
                "  \(cluster.label): \(cluster.size) articles over " + String(format: "%.1f", cluster.spanDays)
                    + " days")
            for title in cluster.titles.prefix(titles) { lines.append("    - \(title.prefix(100))") }
        }
        return lines.joined(separator: "\n")
    }
}
