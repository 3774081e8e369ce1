/// The output of decoding one sentence.
package struct Decoding: Sendable, Equatable {
    /// One BILOU tag per token.
    package var tags: [Int]
    /// Per token, the score gap between the chosen tag and the best other tag at that token (model units).
    package var margins: [Int64]
}

/// Exact first-order Viterbi decoding over BILOU tags, allowing only valid transitions.
package enum ViterbiDecoder {
    /// Decodes a sentence whose token `i` has the weight rows `rows[offsets[i]..<offsets[i + 1]]`.
    /// - Complexity: O(n·T²) for n tokens and T = 13 tags, plus one pass over the features.
    /// `allowed`, when given, holds one bit mask per token of the tags it may take (bit `t` for tag `t`).
    package static func decode<W: RandomAccessCollection<Int32>>(
        rows: [Int32], offsets: [Int], weights: W, transitions: [Int32], allowed: [UInt16] = []
    ) -> Decoding where W.Index == Int {
        let count = offsets.count - 1
        guard count > 0 else { return Decoding(tags: [], margins: []) }
        let tagCount = BILOUTag.count
        var emissions = [Int64](repeating: 0, count: count * tagCount)
        for token in 0..<count {
            let base = token * tagCount
            for position in offsets[token]..<offsets[token + 1] {
                let row = Int(rows[position]) * tagCount
                for tag in 0..<tagCount { emissions[base + tag] += Int64(weights[row + tag]) }
            }
        }
        let minusInfinity = Int64.min / 4
        var scores = [Int64](repeating: minusInfinity, count: count * tagCount)
        var back = [Int8](repeating: -1, count: count * tagCount)
        func permitted(_ token: Int, _ tag: Int) -> Bool { allowed.isEmpty || allowed[token] & (1 << tag) != 0 }
        for tag in 0..<tagCount where BILOUTag.allowed(-1, tag) && permitted(0, tag) {
            scores[tag] = emissions[tag] + Int64(transitions[tagCount * tagCount + tag])
        }
        if count > 1 {
            for token in 1..<count {
                let base = token * tagCount
                let previousBase = base - tagCount
                for tag in 0..<tagCount where permitted(token, tag) {
                    var best = minusInfinity
                    var bestPrevious = -1
                    for previous in 0..<tagCount {
                        let previousScore = scores[previousBase + previous]
                        guard previousScore > minusInfinity, BILOUTag.allowed(previous, tag) else { continue }
                        let score = previousScore + Int64(transitions[previous * tagCount + tag])
                        if score > best {
                            best = score
                            bestPrevious = previous
                        }
                    }
                    if bestPrevious >= 0 {
                        scores[base + tag] = best + emissions[base + tag]
                        back[base + tag] = Int8(bestPrevious)
                    }
                }
            }
        }
        var last = 0
        var bestFinal = minusInfinity
        let lastBase = (count - 1) * tagCount
        for tag in 0..<tagCount where BILOUTag.canEnd(tag) && scores[lastBase + tag] > bestFinal {
            bestFinal = scores[lastBase + tag]
            last = tag
        }
        var tags = [Int](repeating: 0, count: count)
        tags[count - 1] = last
        if count > 1 {
            for token in stride(from: count - 1, to: 0, by: -1) {
                let previous = Int(back[token * tagCount + tags[token]])
                tags[token - 1] = previous < 0 ? 0 : previous
            }
        }
        var margins = [Int64](repeating: 0, count: count)
        for token in 0..<count {
            let base = token * tagCount
            let chosen = emissions[base + tags[token]]
            var other = minusInfinity
            for tag in 0..<tagCount where tag != tags[token] { other = max(other, emissions[base + tag]) }
            margins[token] = chosen - other
        }
        return Decoding(tags: tags, margins: margins)
    }
}
