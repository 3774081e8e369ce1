internal import CLibXML2

/// libxml2 keeps global state that must be set up once, before parsing on several threads.
private let libxml2Ready: Bool = {
    xmlInitParser()
    return true
}()

/// The one place libxml2 is set up, for every module that parses with it: `xmlInitParser` must run once before any
/// parse, and two modules each running it from their own lazy global could run it twice at once on two threads.
public enum LibXML2 {
    /// Sets libxml2 up on the first call (thread-safe), and silences its generic error output on this thread:
    /// call it before every parse. Nothing libxml2 says reaches stderr.
    public static func prepare() {
        _ = libxml2Ready
        warta_xmlSilenceGenericErrors()
    }
}

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
        var document = HTMLDocument()
        guard let (input, options) = prepare(bytes, encoding: encoding, into: &document) else { return document }
        var builder = SAXTreeBuilder()
        input.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                // What htmlReadMemory does, with Warta's SAX callbacks in place of libxml2's tree builder: the
                // same parser sees the same bytes and sends the same events, but no libxml2 node is allocated,
                // copied and freed.
                guard let parser = htmlCreateMemoryParserCtxt(chars.baseAddress, Int32(chars.count)) else { return }
                defer {
                    if let tree = parser.pointee.myDoc {
                        xmlFreeDoc(tree)
                        parser.pointee.myDoc = nil
                    }
                    xmlFreeParserCtxt(parser)
                }
                SAXTreeBuilder.install(on: parser)
                htmlCtxtUseOptions(parser, options)
                parser.pointee.html = 1
                if let encoding, let handler = xmlFindCharEncodingHandler(encoding) {
                    xmlSwitchToEncoding(parser, handler)
                    if let input = parser.pointee.input {
                        if let previous = input.pointee.encoding {
                            warta_xmlFree(UnsafeMutableRawPointer(mutating: previous))
                        }
                        input.pointee.encoding = UnsafePointer(xmlStrdup(encoding))
                    }
                }
                withUnsafeMutablePointer(to: &builder) { pointer in
                    parser.pointee._private = UnsafeMutableRawPointer(pointer)
                    htmlParseDocument(parser)
                    parser.pointee._private = nil
                }
            }
        }
        builder.finish(into: &document)
        return document
    }

    /// What both parse paths do first: libxml2 set up once, the prescan (script, style and svg bodies and comments cut,
    /// JSON-LD kept), and the parser options; `nil` when nothing is left to parse.
    private static func prepare(_ bytes: [UInt8], encoding: String?, into document: inout HTMLDocument)
        -> (input: [UInt8], options: Int32)?
    {
        LibXML2.prepare()
        let prescan = HTMLPrescan.strip(bytes)
        document.jsonLD = prescan.jsonLD
        let input = prescan.bytes
        guard !input.isEmpty, input.count < Int(Int32.max) else { return nil }
        return (input, parserOptions(encoding: encoding))
    }

    private static func parserOptions(encoding: String?) -> Int32 {
        var options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)
        // Bytes the caller already decoded must not be re-decoded because a <meta charset> says otherwise.
        if encoding?.uppercased() == "UTF-8" { options |= Int32(HTML_PARSE_IGNORE_ENC.rawValue) }
        return options
    }

    /// The same page parsed the way Warta did before its SAX builder: libxml2 builds its own tree
    /// (`htmlReadMemory`), which is then copied. Kept as the reference the SAX builder is tested against.
    static func parseThroughLibXML2Tree(_ bytes: [UInt8], encoding: String? = "UTF-8") -> HTMLDocument {
        var document = HTMLDocument()
        guard let (input, options) = prepare(bytes, encoding: encoding, into: &document) else { return document }
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

/// Builds an ``HTMLDocument`` straight from libxml2's SAX events, reproducing what libxml2's own tree builder
/// (SAX2.c: `xmlSAX2StartElement`, `xmlSAX2Characters`, `xmlSAX2CDataBlock`, `xmlSAX2EndElement`) would have
/// made of them, node for node:
/// - an element's name is its local part (`o:p` is a `p`), as `xmlSplitQName` gives it;
/// - adjacent text runs join into one text node, and so do adjacent CDATA runs, but never a text and a CDATA
///   run, and a comment or processing instruction between two runs keeps them apart;
/// - text outside every element is dropped;
/// - an element that starts when no element is open becomes a child of the first top-level element when that
///   element was the document's first child and no doctype came before it; otherwise it stands at top level;
/// - past `xmlParserMaxDepth` open elements the tree builder stops the parser, and so does this one.
private struct SAXTreeBuilder {
    private var nodes: [HTMLDocument.Node] = []
    private var text: [UInt8] = []
    private var attributes: [HTMLDocument.Attribute] = []
    /// The open elements, innermost last: libxml2's node stack.
    private var open: [Int32] = []
    /// Set when the depth limit stopped the parser.
    private var stoppedAtDepth: Int?

    /// What the innermost open element's last child is.
    private enum LastChild {
        case nothing, text, cdata, other
    }

    private var lastChild = LastChild.nothing
    /// Whether the current text node met a NUL byte: a C-string reader of libxml2's node saw nothing after it.
    private var textCut = false
    /// Whether the document has a child yet (doctype aside), and the index of that child when it is an element.
    private var documentHasChild = false
    private var firstElement: Int32?

    /// libxml2 interns element and attribute names in the parser's dictionary, so one name is one pointer.
    private var tagByName = PointerCache<HTMLTag>()
    private var attributeByName = PointerCache<HTMLAttributeName?>()

    init() {
        nodes.reserveCapacity(4096)
        text.reserveCapacity(65_536)
        attributes.reserveCapacity(1024)
        open.reserveCapacity(64)
    }

    /// Points the parser's SAX callbacks that build the tree at this builder; the document, doctype and error
    /// callbacks stay libxml2's.
    static func install(on parser: htmlParserCtxtPtr) {
        guard let sax = parser.pointee.sax else { return }
        sax.pointee.startElement = { context, name, attributes in
            guard let parser = SAXTreeBuilder.parserContext(context), let name else { return }
            SAXTreeBuilder.builder(of: parser)?.pointee.startElement(parser, name, attributes)
        }
        sax.pointee.endElement = { context, _ in
            guard let parser = SAXTreeBuilder.parserContext(context) else { return }
            SAXTreeBuilder.builder(of: parser)?.pointee.endElement()
        }
        sax.pointee.characters = { context, bytes, count in
            guard let parser = SAXTreeBuilder.parserContext(context), let bytes else { return }
            SAXTreeBuilder.builder(of: parser)?.pointee.characters(bytes, Int(count), kind: .text)
        }
        sax.pointee.cdataBlock = { context, bytes, count in
            guard let parser = SAXTreeBuilder.parserContext(context), let bytes else { return }
            SAXTreeBuilder.builder(of: parser)?.pointee.characters(bytes, Int(count), kind: .cdata)
        }
        sax.pointee.comment = { context, _ in
            guard let parser = SAXTreeBuilder.parserContext(context) else { return }
            SAXTreeBuilder.builder(of: parser)?.pointee.otherNode(parser)
        }
        sax.pointee.processingInstruction = { context, _, _ in
            guard let parser = SAXTreeBuilder.parserContext(context) else { return }
            SAXTreeBuilder.builder(of: parser)?.pointee.otherNode(parser)
        }
        sax.pointee.reference = { context, _ in
            guard let parser = SAXTreeBuilder.parserContext(context) else { return }
            SAXTreeBuilder.builder(of: parser)?.pointee.otherNode(parser)
        }
    }

    fileprivate static func parserContext(_ context: UnsafeMutableRawPointer?) -> htmlParserCtxtPtr? {
        context?.assumingMemoryBound(to: htmlParserCtxt.self)
    }

    fileprivate static func builder(of parser: htmlParserCtxtPtr) -> UnsafeMutablePointer<SAXTreeBuilder>? {
        parser.pointee._private?.assumingMemoryBound(to: SAXTreeBuilder.self)
    }

    private mutating func startElement(
        _ parser: htmlParserCtxtPtr, _ name: UnsafePointer<xmlChar>,
        _ pairs: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        // nodePush refuses a node past the depth limit and halts the parser; the node is not linked.
        if open.count > Int(warta_xmlParserMaxDepth()), parser.pointee.options & Int32(XML_PARSE_HUGE.rawValue) == 0 {
            stoppedAtDepth = open.count
            xmlStopParser(parser)
            return
        }
        let index = Int32(nodes.count)
        var parent: Int32 = -1
        if let innermost = open.last {
            parent = innermost
        } else if parser.pointee.myDoc?.pointee.children != nil {
            // A doctype is the document's first child: the element becomes its sibling, at top level.
        } else if !documentHasChild {
            documentHasChild = true
            firstElement = index
        } else if let first = firstElement {
            parent = first
        }
        let attributeStart = Int32(attributes.count)
        if let pairs { appendAttributes(pairs) }
        nodes.append(
            HTMLDocument.Node(
                tag: tag(named: name), isText: false, parent: parent, end: index + 1, textStart: 0, textEnd: 0,
                attributeStart: attributeStart, attributeEnd: Int32(attributes.count)))
        open.append(index)
        lastChild = .nothing
    }

    private mutating func endElement() {
        guard let index = open.popLast() else { return }
        let end = Int32(nodes.count)
        nodes[Int(index)].end = end
        // An element hung under the closed first element extends that element's subtree.
        if open.isEmpty, nodes[Int(index)].parent >= 0 { nodes[Int(nodes[Int(index)].parent)].end = end }
        lastChild = .other
    }

    private mutating func characters(_ bytes: UnsafePointer<xmlChar>, _ count: Int, kind: LastChild) {
        guard let parent = open.last, count >= 0 else { return }
        let run = UnsafeBufferPointer(start: bytes, count: count)
        if lastChild == kind, let last = nodes.indices.last, nodes[last].isText {
            guard !textCut else { return }
            appendUntilNUL(run)
            nodes[last].textEnd = Int32(text.count)
            return
        }
        let index = Int32(nodes.count)
        let start = Int32(text.count)
        textCut = false
        appendUntilNUL(run)
        nodes.append(
            HTMLDocument.Node(
                tag: .other, isText: true, parent: parent, end: index + 1, textStart: start,
                textEnd: Int32(text.count), attributeStart: 0, attributeEnd: 0))
        lastChild = kind
    }

    private mutating func appendUntilNUL(_ run: UnsafeBufferPointer<UInt8>) {
        if let nul = run.firstIndex(of: 0) {
            text.append(contentsOf: UnsafeBufferPointer(rebasing: run[..<nul]))
            textCut = true
        } else {
            text.append(contentsOf: run)
        }
    }

    /// A comment, processing instruction or entity reference: not kept, but a node of libxml2's tree all the same.
    private mutating func otherNode(_ parser: htmlParserCtxtPtr) {
        if open.isEmpty {
            if parser.pointee.myDoc?.pointee.children == nil, !documentHasChild {
                documentHasChild = true
                firstElement = nil
            }
        } else {
            lastChild = .other
        }
    }

    private mutating func tag(named name: UnsafePointer<xmlChar>) -> HTMLTag {
        let key = UnsafeRawPointer(name)
        if let known = tagByName[key] { return known }
        let tag = HTMLTag(name: String(cString: Self.localName(name)))
        tagByName[key] = tag
        return tag
    }

    /// The name without its namespace prefix, as libxml2's `xmlSplitQName` cuts it: after the first ":", unless
    /// the name starts with ":" or nothing follows the ":".
    private static func localName(_ name: UnsafePointer<xmlChar>) -> UnsafePointer<xmlChar> {
        guard name[0] != 0x3A else { return name }
        var position = 0
        while name[position] != 0 {
            if name[position] == 0x3A {
                return name[position + 1] == 0 ? name : name + position + 1
            }
            position += 1
        }
        return name
    }

    private mutating func appendAttributes(_ pairs: UnsafeMutablePointer<UnsafePointer<xmlChar>?>) {
        var position = 0
        while let name = pairs[position] {
            let value = pairs[position + 1]
            position += 2
            guard let kept = attributeByName.attribute(named: name) else { continue }
            attributes.append(HTMLDocument.Attribute(name: kept, value: value.map { String(cString: $0) } ?? ""))
        }
    }

    /// Closes what is still open and hands the tree over.
    mutating func finish(into document: inout HTMLDocument) {
        while !open.isEmpty { endElement() }
        document.nodes = nodes
        document.text = text
        document.attributes = attributes
        document.stoppedAtDepth = stoppedAtDepth
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
            guard let kept = attributeByName.attribute(named: name) else { continue }
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

extension PointerCache where Value == HTMLAttributeName? {
    /// The attribute Warta keeps under libxml2's interned `name`, or `nil` for one it drops; each distinct name is
    /// lower-cased and looked up once per page.
    mutating func attribute(named name: UnsafePointer<xmlChar>) -> HTMLAttributeName? {
        let key = UnsafeRawPointer(name)
        if let cached = self[key] { return cached }
        let kept = HTMLAttributeName(markupName: String(cString: name).lowercased())
        self[key] = kept
        return kept
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
