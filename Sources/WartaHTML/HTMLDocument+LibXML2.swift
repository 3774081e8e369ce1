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
    private var tagByName: [UnsafeRawPointer: HTMLTag] = [:]
    private var attributeByName: [UnsafeRawPointer: HTMLAttributeName?] = [:]

    mutating func build(from document: htmlDocPtr, into tree: inout HTMLDocument) {
        tree.nodes.reserveCapacity(4096)
        // Open elements: the libxml2 node and its index in `tree.nodes`.
        var stack: [(UnsafeMutablePointer<xmlNode>, Int32)] = []
        var current = document.pointee.children
        while let node = current {
            var descended = false
            switch node.pointee.type {
            case XML_ELEMENT_NODE:
                let index = Int32(tree.nodes.count)
                let attributeStart = Int32(tree.attributes.count)
                appendAttributes(of: node, to: &tree.attributes)
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
                    var pointer = content
                    while pointer.pointee != 0 {
                        tree.text.append(pointer.pointee)
                        pointer += 1
                    }
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
            while let text = child {
                if let content = text.pointee.content { value += String(cString: content) }
                child = text.pointee.next
            }
            attributes.append(HTMLDocument.Attribute(name: kept, value: value))
        }
    }
}
