internal import CLibXML2

/// An element of a parsed ``FeedXMLDocument``: a view of a libxml2 node, valid only inside
/// ``FeedXMLDocument/parse(_:url:body:)``.
struct FeedXMLElement {
    let node: xmlNodePtr
    /// The name without its prefix: `creator` for `dc:creator`.
    let localName: String
    /// The prefix as written, or `nil` for an unprefixed name.
    let prefix: String?
    let vocabulary: FeedVocabulary

    init(_ node: xmlNodePtr) {
        self.node = node
        let name = node.pointee.name.map { String(cString: $0) } ?? ""
        if let namespace = node.pointee.ns {
            localName = name
            prefix = namespace.pointee.prefix.map { String(cString: $0) }
            let uri = namespace.pointee.href.map { String(cString: $0) } ?? ""
            vocabulary = FeedVocabulary(uri: uri) ?? prefix.flatMap { FeedVocabulary(prefix: $0) } ?? .other
        } else if let colon = name.utf8.firstIndex(of: UInt8(ascii: ":")) {
            // A prefix that was never declared: libxml2 recovers with the whole qualified name.
            let written = String(name[..<colon])
            localName = String(name[name.utf8.index(after: colon)...])
            prefix = written
            vocabulary = FeedVocabulary(prefix: written) ?? .other
        } else {
            localName = name
            prefix = nil
            vocabulary = .none
        }
    }

    /// Whether the element is in no namespace, or in one that stands for "no namespace" here: RSS 1.0's, or an
    /// unknown default namespace.
    var isPlain: Bool {
        vocabulary == .none || vocabulary == .rss1 || (vocabulary == .other && prefix == nil)
    }

    /// Whether the element has the local name `name` and is in `vocabulary`; `.none` asks for a plain element
    /// (see ``isPlain``).
    func matches(_ name: String, in vocabulary: FeedVocabulary = .none) -> Bool {
        guard localName == name else { return false }
        return vocabulary == .none ? isPlain : self.vocabulary == vocabulary
    }

    /// The child elements, in document order.
    var children: [FeedXMLElement] {
        var result: [FeedXMLElement] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(FeedXMLElement(current)) }
            child = current.pointee.next
        }
        return result
    }

    /// The first child named `name` in `vocabulary` (see ``matches(_:in:)``).
    func child(_ name: String, in vocabulary: FeedVocabulary = .none) -> FeedXMLElement? {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE {
                let element = FeedXMLElement(current)
                if element.matches(name, in: vocabulary) { return element }
            }
            child = current.pointee.next
        }
        return nil
    }

    /// The text of the first child named `name` in `vocabulary`, or `nil`.
    func childText(_ name: String, in vocabulary: FeedVocabulary = .none) -> String? {
        child(name, in: vocabulary)?.text
    }

    /// The value of the attribute with local name `name` (any prefix), or `nil`. Entity references in the value are
    /// not expanded.
    func attribute(_ name: String) -> String? {
        var property = node.pointee.properties
        while let attribute = property {
            defer { property = attribute.pointee.next }
            guard let rawName = attribute.pointee.name else { continue }
            var attributeName = String(cString: rawName)
            if let colon = attributeName.utf8.firstIndex(of: UInt8(ascii: ":")) {
                attributeName = String(attributeName[attributeName.utf8.index(after: colon)...])
            }
            guard attributeName == name else { continue }
            var value = ""
            var child = attribute.pointee.children
            while let text = child {
                if text.pointee.type == XML_TEXT_NODE, let content = text.pointee.content {
                    value += String(cString: content)
                }
                child = text.pointee.next
            }
            return value
        }
        return nil
    }

    /// The text of the element and all its descendants, in document order: text and CDATA only. Entity references
    /// are never followed, so a declared entity cannot expand here.
    /// - Complexity: O(n) in the size of the subtree; the walk is iterative.
    var text: String {
        var bytes: [UInt8] = []
        var current = node.pointee.children
        while let visiting = current {
            switch visiting.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = visiting.pointee.content {
                    bytes.append(contentsOf: UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
                }
            case XML_ELEMENT_NODE:
                if let child = visiting.pointee.children {
                    current = child
                    continue
                }
            default:
                break
            }
            // Next sibling, climbing back up towards `node` when a subtree is done.
            var next = visiting
            while next.pointee.next == nil {
                guard let parent = next.pointee.parent, parent != node else {
                    return String(decoding: bytes, as: UTF8.self)
                }
                next = parent
            }
            current = next.pointee.next
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The element's content as markup (its children serialised), for Atom's `type="xhtml"` content.
    var innerMarkup: String {
        guard let buffer = xmlBufferCreate() else { return "" }
        defer { xmlBufferFree(buffer) }
        var child = node.pointee.children
        while let current = child {
            xmlNodeDump(buffer, node.pointee.doc, current, 0, 0)
            child = current.pointee.next
        }
        guard let content = xmlBufferContent(buffer) else { return "" }
        return String(cString: content)
    }

    /// The base URI in force at this element: `xml:base` attributes resolved up the tree against the document's URL.
    var base: String? {
        guard let base = xmlNodeGetBase(node.pointee.doc, node) else { return nil }
        defer { warta_xmlFree(base) }
        return String(cString: base)
    }

    /// The language in force at this element (`xml:lang`), or `nil`.
    var language: String? {
        guard let language = xmlNodeGetLang(node) else { return nil }
        defer { warta_xmlFree(language) }
        return String(cString: language)
    }

    /// The line the element starts on.
    var line: Int { Int(xmlGetLineNo(node)) }
}
