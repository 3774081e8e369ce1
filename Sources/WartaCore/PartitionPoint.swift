extension RandomAccessCollection where Index == Int {
    /// The index of the first element for which `isBefore` is false, in a collection where every element for which
    /// it is true comes first (`endIndex` when there is none): a binary search, for spans and words kept in body
    /// order.
    /// - Complexity: O(log n) calls of `isBefore`.
    public func partitionPoint(_ isBefore: (Element) -> Bool) -> Int {
        var low = startIndex
        var high = endIndex
        while low < high {
            let middle = low + (high - low) / 2
            if isBefore(self[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
