internal import CLibXML2

/// libxml2 keeps global state that must be set up once, before parsing on several threads.
private let libxml2Ready: Bool = {
    xmlInitParser()
    return true
}()

extension HTMLDocument {
    /// Parses an HTML page with libxml2's HTML parser (`htmlReadMemory`) into Warta's tree.
    ///
    /// Before parsing, the bodies of `<script>`, `<style>`, `<svg>` and comments are cut out with a byte scan
    /// (``HTMLPrescan``): they are most of a modern page's bytes and never article text; JSON-LD scripts are
    /// kept in ``jsonLD``. libxml2 recovers from any markup error; nothing it says reaches stderr.
    ///
    /// - Parameters:
    ///   - bytes: the page.
    ///   - encoding: the charset of `bytes` (`"UTF-8"` when the caller decoded them), or `nil` to let libxml2
    ///     follow the page's own `<meta charset>`.
    /// - Returns: the document; an empty one when libxml2 found no element at all.
    /// - Complexity: O(n) in the number of bytes; the tree is walked with an explicit stack, so deeply nested
    ///   pages cannot overflow the call stack.
    public static func parse(_ bytes: [UInt8], encoding: String? = "UTF-8") -> HTMLDocument {
        _ = libxml2Ready
        let prescan = HTMLPrescan.strip(bytes)
        var document = HTMLDocument()
        document.jsonLD = prescan.jsonLD
        let input = prescan.bytes
        guard !input.isEmpty, input.count < Int(Int32.max) else { return document }
        var options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)
        // Bytes the caller already decoded must not be re-decoded because a <meta charset> says otherwise.
        if encoding?.uppercased() == "UTF-8" { options |= Int32(HTML_PARSE_IGNORE_ENC.rawValue) }
        let parsed: htmlDocPtr? = input.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(chars.count), "page.html", encoding, options)
            }
        }
        guard let parsed else { return document }
        defer { xmlFreeDoc(parsed) }
        var builder = LibXML2TreeBuilder()
        builder.build(from: parsed, into: &document)
        return document
    }
}

/// Copies a libxml2 tree into an ``HTMLDocument`` in one iterative pre-order walk.
private struct LibXML2TreeBuilder {
    /// libxml2 interns element and attribute names in the document's dictionary, so one name is one pointer.
    private var tagByName = PointerCache<HTMLTag>()
    private var attributeByName = PointerCache<HTMLAttributeName?>()

    mutating func build(from document: htmlDocPtr, into tree: inout HTMLDocument) {
        tree.nodes.reserveCapacity(4096)
        tree.attributes.reserveCapacity(1024)
        // Open elements: the libxml2 node and its index in `tree.nodes`.
        var stack: [(UnsafeMutablePointer<xmlNode>, Int32)] = []
        var current = document.pointee.children
        while let node = current {
            var descended = false
            switch node.pointee.type {
            case XML_ELEMENT_NODE:
                let index = Int32(tree.nodes.count)
                let attributeStart = Int32(tree.attributes.count)
                if node.pointee.properties != nil { appendAttributes(of: node, to: &tree.attributes) }
                tree.nodes.append(
                    HTMLDocument.Node(
                        tag: tag(of: node), isText: false, parent: stack.last?.1 ?? -1, end: index + 1,
                        textStart: 0, textEnd: 0, attributeStart: attributeStart,
                        attributeEnd: Int32(tree.attributes.count)))
                if let child = node.pointee.children {
                    stack.append((node, index))
                    current = child
                    descended = true
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content, !stack.isEmpty {
                    let start = Int32(tree.text.count)
                    tree.text.append(contentsOf: UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
                    let index = Int32(tree.nodes.count)
                    tree.nodes.append(
                        HTMLDocument.Node(
                            tag: .other, isText: true, parent: stack.last?.1 ?? -1, end: index + 1,
                            textStart: start, textEnd: Int32(tree.text.count), attributeStart: 0, attributeEnd: 0))
                }
            default:
                break
            }
            if descended { continue }
            // Move to the next sibling, closing finished elements on the way up.
            var next = node.pointee.next
            while next == nil, let (open, index) = stack.popLast() {
                tree.nodes[Int(index)].end = Int32(tree.nodes.count)
                next = open.pointee.next
            }
            current = next
        }
    }

    private mutating func tag(of node: UnsafeMutablePointer<xmlNode>) -> HTMLTag {
        guard let name = node.pointee.name else { return .other }
        let key = UnsafeRawPointer(name)
        if let known = tagByName[key] { return known }
        let tag = HTMLTag(name: String(cString: name))
        tagByName[key] = tag
        return tag
    }

    private mutating func appendAttributes(
        of node: UnsafeMutablePointer<xmlNode>, to attributes: inout [HTMLDocument.Attribute]
    ) {
        var property = node.pointee.properties
        while let attribute = property {
            defer { property = attribute.pointee.next }
            guard let name = attribute.pointee.name else { continue }
            let key = UnsafeRawPointer(name)
            let kept: HTMLAttributeName?
            if let cached = attributeByName[key] {
                kept = cached
            } else {
                kept = HTMLAttributeName(markupName: String(cString: name).lowercased())
                attributeByName[key] = kept
            }
            guard let kept else { continue }
            var value = ""
            var child = attribute.pointee.children
            // libxml2's HTML parser gives an attribute one text child; the loop keeps any others as before.
            if let only = child, only.pointee.next == nil {
                if let content = only.pointee.content { value = String(cString: content) }
                child = nil
            }
            while let text = child {
                if let content = text.pointee.content { value += String(cString: content) }
                child = text.pointee.next
            }
            attributes.append(HTMLDocument.Attribute(name: kept, value: value))
        }
    }
}

/// A small map from interned libxml2 name pointers to what they mean, without `Hasher`: open addressing over a
/// power-of-two table, keyed by the pointer's bits. A page has a few dozen distinct names.
private struct PointerCache<Value> {
    private var keys: [UnsafeRawPointer?] = Array(repeating: nil, count: 256)
    private var values: [Value?] = Array(repeating: nil, count: 256)
    private var count = 0

    private func slot(of key: UnsafeRawPointer) -> Int {
        let bits = UInt(bitPattern: key)
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: (bits >> 4) ^ (bits >> 12)) & mask
        while let stored = keys[slot], stored != key { slot = (slot + 1) & mask }
        return slot
    }

    subscript(key: UnsafeRawPointer) -> Value? {
        get {
            let slot = slot(of: key)
            return keys[slot] == nil ? nil : values[slot]
        }
        set {
            guard let newValue else { return }
            if (count + 1) * 2 > keys.count { grow() }
            let slot = slot(of: key)
            if keys[slot] == nil { count += 1 }
            keys[slot] = key
            values[slot] = newValue
        }
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = Array(repeating: nil, count: oldKeys.count * 2)
        values = Array(repeating: nil, count: oldKeys.count * 2)
        count = 0
        for (index, key) in oldKeys.enumerated() {
            if let key, let value = oldValues[index] { self[key] = value }
        }
    }
}
