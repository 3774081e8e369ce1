import Testing
import WartaCore

@Suite("Binary search for the partition point")
struct PartitionPointTests {
    @Test("finds the first element not before the point, on every split of a sorted array and on slices")
    func everySplit() {
        let values = [1, 3, 3, 5, 8, 13, 21]
        for probe in 0...22 {
            let expected = values.firstIndex { $0 >= probe } ?? values.count
            #expect(values.partitionPoint { $0 < probe } == expected, "probe \(probe)")
        }
        #expect([Int]().partitionPoint { $0 < 5 } == 0)
        let slice = values[2..<6]
        #expect(slice.partitionPoint { $0 < 6 } == 4)
        #expect(slice.partitionPoint { $0 < 100 } == 6)
        #expect(slice.partitionPoint { $0 < 0 } == 2)
    }
}
