/// A parsed HTML page as a compact, immutable tree that Warta owns, independent of the parser behind it.
///
/// Nodes are stored in document (pre-)order in one array, so the descendants of node `n` are exactly the
/// nodes `n + 1 ..< nodes[n].end`: every walk is a loop over indices, never a recursion, and skipping a
/// subtree is one jump. Text lives in one UTF-8 buffer; only the attributes extraction reads are kept
/// (``HTMLAttributeName``). Comments, processing instructions and the doctype are not kept.
///
/// Build one with ``parse(_:encoding:)``.
public struct HTMLDocument: Sendable {
    /// One element or text node.
    public struct Node: Sendable, Equatable {
        /// The element's tag; ``HTMLTag/other`` for text nodes and unknown elements.
        public var tag: HTMLTag
        /// `true` for a text node.
        public var isText: Bool
        /// The parent's index, or -1 for a top-level node.
        public var parent: Int32
        /// One past the index of the last descendant.
        public var end: Int32
        /// For a text node: its bytes in ``HTMLDocument/text``.
        public var textStart: Int32
        public var textEnd: Int32
        /// The node's kept attributes in ``HTMLDocument/attributes``.
        public var attributeStart: Int32
        public var attributeEnd: Int32
    }

    /// One kept attribute.
    public struct Attribute: Sendable, Equatable {
        public var name: HTMLAttributeName
        public var value: String
    }

    /// All nodes, in document order.
    public internal(set) var nodes: [Node] = []
    /// The UTF-8 bytes of all text nodes, back to back.
    public internal(set) var text: [UInt8] = []
    /// The kept attributes of all elements, grouped by element.
    public internal(set) var attributes: [Attribute] = []
    /// The bodies of `<script type="application/ld+json">` elements, lifted out before parsing.
    public internal(set) var jsonLD: [String] = []
    /// The nesting depth at which parsing stopped (libxml2's limit, 256 elements), or `nil` when the whole page
    /// was read. Everything after the first element opened that deep is lost.
    public internal(set) var stoppedAtDepth: Int?

    /// An empty document.
    public init() {}

    /// The value of attribute `name` on node `index`, if it has one.
    /// - Complexity: O(number of kept attributes of the node).
    public func attribute(_ name: HTMLAttributeName, of index: Int) -> String? {
        let node = nodes[index]
        var position = Int(node.attributeStart)
        while position < Int(node.attributeEnd) {
            if attributes[position].name == name { return attributes[position].value }
            position += 1
        }
        return nil
    }

    /// The children of node `index`, in order.
    /// - Complexity: O(number of descendants), since siblings are found by jumping over subtrees.
    public func children(of index: Int) -> [Int] {
        var result: [Int] = []
        var child = index + 1
        let end = Int(nodes[index].end)
        while child < end {
            result.append(child)
            child = Int(nodes[child].end)
        }
        return result
    }

    /// The bytes of text node `index`.
    public func textBytes(of index: Int) -> ArraySlice<UInt8> {
        let node = nodes[index]
        return text[Int(node.textStart)..<Int(node.textEnd)]
    }

    /// The text of node `index` and its descendants, with runs of white space folded to one space and trimmed.
    /// - Complexity: O(size of the subtree).
    public func textContent(of index: Int) -> String {
        var out: [UInt8] = []
        var position = index
        let end = Int(nodes[index].end)
        while position < end {
            if nodes[position].isText { Self.appendFolded(textBytes(of: position), to: &out) }
            position += 1
        }
        while out.last == 0x20 { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    /// The first element with tag `tag`, in document order.
    public func first(_ tag: HTMLTag) -> Int? {
        nodes.firstIndex { !$0.isText && $0.tag == tag }
    }

    /// Appends `bytes` to `out`, turning each run of ASCII white space and no-break spaces into one space and
    /// never starting `out` with a space.
    /// - Complexity: O(n) in the number of bytes.
    public static func appendFolded(_ bytes: ArraySlice<UInt8>, to out: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { appendFolded($0, to: &out) }
    }

    /// ``appendFolded(_:to:)-(ArraySlice<UInt8>,_)`` over raw bytes. Runs of bytes that stay as they are (a
    /// word, mostly) are copied in one append each, not byte by byte.
    public static func appendFolded(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var index = 0
        let end = bytes.count
        while index < end {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C {
                if let last = out.last, last != 0x20, last != 0x0A { out.append(0x20) }
                index += 1
                continue
            }
            // U+00A0 NO-BREAK SPACE is C2 A0 in UTF-8.
            if byte == 0xC2, index + 1 < end, bytes[index + 1] == 0xA0 {
                if let last = out.last, last != 0x20, last != 0x0A { out.append(0x20) }
                index += 2
                continue
            }
            var runEnd = index + 1
            while runEnd < end {
                let next = bytes[runEnd]
                if next == 0x20 || next == 0x0A || next == 0x09 || next == 0x0D || next == 0x0C { break }
                if next == 0xC2, runEnd + 1 < end, bytes[runEnd + 1] == 0xA0 { break }
                runEnd += 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<runEnd]))
            index = runEnd
        }
    }
}
