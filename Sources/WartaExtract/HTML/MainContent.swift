import WartaHTML

/// Finds the main text of a parsed page: the article's paragraphs, subheadings, lists, quotes and tables, without
/// navigation, comments, share bars, related lists, ads and other boxes.
///
/// The steps, in order:
/// 1. **Prune.** Cut elements that never hold article text (`script`, `nav`, `aside`, `footer`, `figure`, form
///    controls, …), hidden elements (`hidden`, `aria-hidden`, `display:none`) and boxes whose `class`/`id` words
///    name boilerplate (``ClassEvidence``). A box that holds at least half of the page's text is never cut by
///    its words or a layout tag alone, so a site that wraps everything in `<aside class="sidebar-layout">`
///    keeps its article.
/// 2. **Measure.** One backward pass over the tree sums, per element, its text bytes, link-text bytes, commas,
///    paragraphs, list items, images and form inputs.
/// 3. **Score.** Readability's scheme: each paragraph-like element with ≥ 25 bytes of text scores
///    1 + commas + 1 per 100 bytes (at most 3) and gives that score to its parent, half to its grandparent and a
///    third, sixth and ninth… further up; each ancestor starts from a tag prior plus its class weight, and ends
///    multiplied by (1 − link density). The best element wins; when three of the five best share an ancestor,
///    the ancestor wins.
/// 4. **Join siblings** of the winner that score well or are link-free paragraphs.
/// 5. **Emit blocks** from the chosen elements, cleaning conditionally (a list, table or box with few commas is
///    dropped when it is link-heavy, has more images than paragraphs, or holds form inputs).
///
/// Block filtering (link density, headings, debris) happens in ``HTMLExtractor``; a fallback over all `<p>`
/// elements covers pages where this finds too little.
struct MainContent {
    /// One paragraph-level block of text.
    struct Block: Equatable {
        /// The text, white space folded.
        var text: String
        /// The innermost block element around the text.
        var tag: HTMLTag
        /// Bytes of the text inside links.
        var linkBytes: Int
        /// The first link's target in the block, if any.
        var firstLink: String?
        /// Number of links in the block.
        var links: Int
    }

    let document: HTMLDocument
    private(set) var removed: [Bool]
    private(set) var textLength: [Int32]
    private(set) var linkLength: [Int32]
    private var commas: [Int32]
    private var paragraphCount: [Int32]
    private var listItemCount: [Int32]
    private var imageCount: [Int32]
    private var inputCount: [Int32]
    private var evidence: [ClassEvidence]
    private var body: Int
    /// When `true`, boxes are cut only for their tag or for a style that hides them, never for their class words
    /// nor for the `hidden` and `aria-hidden` attributes (React's streamed pages hold their text in
    /// `<div hidden>` until a script moves it).
    private let relaxed: Bool

    /// Prepares a page: prunes, then measures. `relaxed` turns off cutting by class and id words (Readability's
    /// second attempt, for pages whose layout boxes carry boilerplate words).
    init(document: HTMLDocument, relaxed: Bool = false) {
        self.document = document
        self.relaxed = relaxed
        let count = document.nodes.count
        removed = Array(repeating: false, count: count)
        textLength = Array(repeating: 0, count: count)
        linkLength = Array(repeating: 0, count: count)
        commas = Array(repeating: 0, count: count)
        paragraphCount = Array(repeating: 0, count: count)
        listItemCount = Array(repeating: 0, count: count)
        imageCount = Array(repeating: 0, count: count)
        inputCount = Array(repeating: 0, count: count)
        evidence = Array(repeating: .neutral, count: count)
        body = document.first(.body) ?? 0
        prune()
        measure()
    }

    // MARK: - 1. Prune

    private static let itempropPrefix = Array(" itemprop-".utf8)

    /// Reads the class and id evidence of element `index` into ``evidence``.
    ///
    /// Only elements that outlive the tag and hidden tests are read (from ``prune()``): every later reader of
    /// ``evidence`` looks at elements that were not removed, so the words of a `<script>`, of a hidden box or of
    /// anything inside them are never needed.
    private mutating func readEvidence(of index: Int, with reader: inout ClassEvidence.Reader) {
        // The words of `class`, then `id`, then "itemprop-" and the itemprop, read straight from the attribute
        // bytes: the same words as joining them with spaces first, without building that string.
        let node = document.nodes[index]
        guard node.attributeStart < node.attributeEnd else { return }
        var classValue: String?
        var idValue: String?
        var itemprop: String?
        // The first of each name wins, as `HTMLDocument.attribute(_:of:)` reads it.
        for position in Int(node.attributeStart)..<Int(node.attributeEnd) {
            let attribute = document.attributes[position]
            switch attribute.name {
            case .class: if classValue == nil { classValue = attribute.value }
            case .id: if idValue == nil { idValue = attribute.value }
            case .itemprop: if itemprop == nil { itemprop = attribute.value }
            default: break
            }
        }
        guard classValue != nil || idValue != nil || itemprop != nil else { return }
        reader.reset()
        if let classValue { reader.append(classValue.utf8) }
        if let idValue {
            reader.append(CollectionOfOne(0x20))
            reader.append(idValue.utf8)
        }
        if let itemprop {
            reader.append(Self.itempropPrefix)
            reader.append(itemprop.utf8)
        }
        if reader.isEmpty { return }
        evidence[index] = reader.evidence()
    }

    private static let neverTextTags: Set<HTMLTag> = [
        .head, .title, .meta, .link, .base, .style, .script, .noscript, .template, .svg, .math, .iframe, .object,
        .embed, .canvas, .video, .audio, .picture, .source, .map, .figure, .figcaption, .button, .input,
        .select, .option, .textarea, .dialog, .label, .legend,
    ]

    private static let layoutBoilerplateTags: Set<HTMLTag> = [.nav, .aside, .footer, .menu, .header]

    /// The two sets above as tables indexed by tag, read once per node without hashing.
    private static let neverText: [Bool] = HTMLTag.allCases.map { neverTextTags.contains($0) }
    /// Never-text tags whose end tag libxml2 may ignore, leaving the rest of the page inside them.
    private static let closableTagSet: Set<HTMLTag> = [
        .button, .label, .legend, .figure, .figcaption, .picture, .video, .audio, .map, .canvas, .object, .dialog,
    ]
    private static let closableTags: [Bool] = HTMLTag.allCases.map { closableTagSet.contains($0) }
    private static let layoutBoilerplate: [Bool] = HTMLTag.allCases.map { layoutBoilerplateTags.contains($0) }

    private mutating func prune() {
        let nodes = document.nodes
        // Raw text per element, before anything is cut: the guard against cutting the article itself.
        var raw = [Int32](repeating: 0, count: nodes.count)
        document.text.withUnsafeBufferPointer { text in
            var index = nodes.count - 1
            while index >= 0 {
                let node = nodes[index]
                if node.isText { raw[index] = Int32(Self.visibleBytes(Self.bytes(of: node, in: text))) }
                if node.parent >= 0 { raw[Int(node.parent)] += raw[index] }
                index -= 1
            }
        }
        let total = max(raw[body], 1)
        var reader = ClassEvidence.Reader()
        // Local tables and a local result: the loop touches no stored property per node but `evidence`.
        let neverText = Self.neverText
        let layoutBoilerplate = Self.layoutBoilerplate
        var removed = [Bool](repeating: false, count: nodes.count)
        for index in nodes.indices {
            let node = nodes[index]
            if node.parent >= 0, removed[Int(node.parent)] {
                removed[index] = true
                continue
            }
            guard !node.isText else { continue }
            if neverText[Int(node.tag.rawValue)] || (node.attributeStart < node.attributeEnd && isHidden(index)) {
                // A button, caption or media box that holds most of the page is one libxml2 never closed (its
                // HTML 4 rules ignore some end tags), with the article after it inside: keep it.
                let unclosed =
                    Self.closableTags[Int(node.tag.rawValue)] && raw[index] >= 2_000 && raw[index] * 2 >= total
                if !unclosed {
                    removed[index] = true
                    continue
                }
            }
            readEvidence(of: index, with: &reader)
            if relaxed || node.tag == .body || node.tag == .html || node.tag == .main || node.tag == .article {
                continue
            }
            let holdsArticle = raw[index] * 2 >= total
            if holdsArticle { continue }
            let words = evidence[index]
            if layoutBoilerplate[Int(node.tag.rawValue)] || words.isBoilerplate
                || (words.isMinorBoilerplate && raw[index] < 400)
            {
                removed[index] = true
            }
        }
        self.removed = removed
    }

    private func isHidden(_ index: Int) -> Bool {
        let node = document.nodes[index]
        guard node.attributeStart < node.attributeEnd else { return false }
        if !relaxed, document.attribute(.hidden, of: index) != nil { return true }
        if !relaxed, let ariaHidden = document.attribute(.ariaHidden, of: index) {
            if let isTrue = ASCII.equalsLowercased(ariaHidden, Self.trueBytes) {
                if isTrue { return true }
            } else if ariaHidden.lowercased() == "true" {
                return true
            }
        }
        if let style = document.attribute(.style, of: index) {
            // ASCII styles (nearly all) are searched byte by byte; others as before, with full case mapping.
            if ASCII.isASCII(style) {
                if ASCII.containsLowercased(style, Self.displayNone, ignoringSpaces: true)
                    || ASCII.containsLowercased(style, Self.visibilityHidden, ignoringSpaces: true)
                {
                    return true
                }
            } else {
                let compact = style.lowercased().filter { $0 != " " }
                if compact.contains("display:none") || compact.contains("visibility:hidden") { return true }
            }
        }
        return false
    }

    private static let trueBytes = Array("true".utf8)
    private static let displayNone = Array("display:none".utf8)
    private static let visibilityHidden = Array("visibility:hidden".utf8)

    // MARK: - 2. Measure

    private mutating func measure() {
        let nodes = document.nodes
        var inLink = [Bool](repeating: false, count: nodes.count)
        for index in nodes.indices {
            let node = nodes[index]
            let parentInLink = node.parent >= 0 && inLink[Int(node.parent)]
            inLink[index] = parentInLink || (!node.isText && node.tag == .a)
        }
        let removed = self.removed
        // The text nodes' own counts first, over the text buffer without retaining it node by node.
        var ownVisible = [Int32](repeating: 0, count: nodes.count)
        var ownCommas = [Int32](repeating: 0, count: nodes.count)
        document.text.withUnsafeBufferPointer { text in
            for index in nodes.indices where nodes[index].isText && !removed[index] {
                let bytes = Self.bytes(of: nodes[index], in: text)
                ownVisible[index] = Int32(Self.visibleBytes(bytes))
                ownCommas[index] = Int32(Self.commaCount(bytes))
            }
        }
        // Local sums, stored once at the end: the loop then touches no stored property per node.
        let count = nodes.count
        var textLength = [Int32](repeating: 0, count: count)
        var linkLength = [Int32](repeating: 0, count: count)
        var commas = [Int32](repeating: 0, count: count)
        var paragraphCount = [Int32](repeating: 0, count: count)
        var listItemCount = [Int32](repeating: 0, count: count)
        var imageCount = [Int32](repeating: 0, count: count)
        var inputCount = [Int32](repeating: 0, count: count)
        var index = count - 1
        while index >= 0 {
            defer { index -= 1 }
            let node = nodes[index]
            if node.isText {
                if !removed[index] {
                    let visible = ownVisible[index]
                    textLength[index] = visible
                    if inLink[index] { linkLength[index] = visible }
                    commas[index] = ownCommas[index]
                }
            } else {
                switch node.tag {
                case .p: paragraphCount[index] += 1
                case .li: listItemCount[index] += 1
                case .img: imageCount[index] += 1
                case .input, .select, .textarea: inputCount[index] += 1
                default: break
                }
            }
            guard node.parent >= 0 else { continue }
            let parent = Int(node.parent)
            imageCount[parent] += imageCount[index]
            inputCount[parent] += inputCount[index]
            guard !removed[index] else { continue }
            textLength[parent] += textLength[index]
            linkLength[parent] += linkLength[index]
            commas[parent] += commas[index]
            paragraphCount[parent] += paragraphCount[index]
            listItemCount[parent] += listItemCount[index]
        }
        self.textLength = textLength
        self.linkLength = linkLength
        self.commas = commas
        self.paragraphCount = paragraphCount
        self.listItemCount = listItemCount
        self.imageCount = imageCount
        self.inputCount = inputCount
    }

    /// Bytes that are not ASCII white space.
    static func visibleBytes(_ bytes: some Sequence<UInt8>) -> Int {
        var count = 0
        for byte in bytes where byte > 0x20 { count += 1 }
        return count
    }

    /// Bytes above 0x20, eight at a time: a byte is at most 0x20 when its top three bits are clear or it is
    /// 0x20 itself, and `zeroBytes` marks such bytes exactly.
    static func visibleBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        let low = 0x7F7F_7F7F_7F7F_7F7F as UInt64
        func zeroBytes(_ word: UInt64) -> UInt64 { ~(((word & low) &+ low) | word | low) }
        var count = 0
        var index = 0
        while index + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let blank = zeroBytes(word & 0xE0E0_E0E0_E0E0_E0E0) | zeroBytes(word ^ 0x2020_2020_2020_2020)
            count += 8 - blank.nonzeroBitCount
            index += 8
        }
        while index < bytes.count {
            if bytes[index] > 0x20 { count += 1 }
            index += 1
        }
        return count
    }

    /// The bytes of text node `node` in the document's text buffer.
    @inline(__always)
    static func bytes(of node: HTMLDocument.Node, in text: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: text[Int(node.textStart)..<Int(node.textEnd)])
    }

    /// Commas, including the ideographic ones (U+3001 、 and U+FF0C ，).
    static func commaCount<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Int where Bytes.Index == Int {
        var count = 0
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x2C {
                count += 1
            } else if byte == 0xE3 || byte == 0xEF, index + 2 < bytes.endIndex {
                let second = bytes[index + 1]
                let third = bytes[index + 2]
                if (byte == 0xE3 && second == 0x80 && third == 0x81)
                    || (byte == 0xEF && second == 0xBC && third == 0x8C)
                {
                    count += 1
                }
            }
            index += 1
        }
        return count
    }

    /// Share of an element's text that sits inside links.
    func linkDensity(_ index: Int) -> Double {
        let text = textLength[index]
        return text > 0 ? Double(linkLength[index]) / Double(text) : 0
    }

    // MARK: - 3. Score

    private func tagPrior(_ tag: HTMLTag) -> Double {
        switch tag {
        case .div, .article, .section, .main: return 5
        case .pre, .td, .blockquote: return 3
        case .address, .ol, .ul, .dl, .dd, .dt, .li, .form: return -3
        case .h1, .h2, .h3, .h4, .h5, .h6, .th: return -5
        default: return 0
        }
    }

    private func isParagraphLike(_ index: Int) -> Bool {
        let tag = document.nodes[index].tag
        switch tag {
        case .p, .pre, .td, .blockquote: return true
        case .div, .section:
            // A div without block children reads as a paragraph.
            var child = index + 1
            let end = Int(document.nodes[index].end)
            while child < end {
                let node = document.nodes[child]
                if !node.isText, !removed[child], node.tag.isBlock, node.tag != .br { return false }
                child = Int(node.end)
            }
            return true
        default: return false
        }
    }

    /// The elements that hold the article, in document order: the best-scoring element and its good siblings.
    func candidates() -> [Int] {
        let nodes = document.nodes
        var score = [Double](repeating: 0, count: nodes.count)
        var scored = [Bool](repeating: false, count: nodes.count)
        // What paragraphs gave each element, without its tag prior and class weight.
        var gained = [Double](repeating: 0, count: nodes.count)
        var touched: [Int] = []
        // Text written straight into a box between block children ("text<br>text<div>…</div>text") counts as a
        // paragraph of that box, as Readability's wrapping of such runs in <p> makes it.
        var inline = [Int32](repeating: 0, count: nodes.count)
        for index in nodes.indices where !removed[index] && nodes[index].parent >= 0 {
            let node = nodes[index]
            if node.isText || !node.tag.isBlock { inline[Int(node.parent)] += textLength[index] }
        }
        for index in nodes.indices where !nodes[index].isText && !removed[index] {
            let length: Int
            var ancestor: Int
            if isParagraphLike(index) {
                length = Int(textLength[index])
                ancestor = Int(nodes[index].parent)
            } else if nodes[index].tag.isBlock {
                length = Int(inline[index])
                ancestor = index
            } else {
                // An inline element's text is already a run of the box around it.
                continue
            }
            guard length >= 25 else { continue }
            let share = textLength[index] > 0 ? Double(length) / Double(textLength[index]) : 0
            let points = 1 + (Double(commas[index]) * share).rounded(.down) + min(Double(length / 100), 3)
            var level = 0
            while ancestor >= 0, level < 5 {
                if !scored[ancestor] {
                    scored[ancestor] = true
                    score[ancestor] = tagPrior(nodes[ancestor].tag) + Double(evidence[ancestor].weight)
                    touched.append(ancestor)
                }
                let divider = level == 0 ? 1.0 : (level == 1 ? 2.0 : Double(level * 3))
                score[ancestor] += points / divider
                gained[ancestor] += points / divider
                ancestor = Int(nodes[ancestor].parent)
                level += 1
            }
        }
        guard !touched.isEmpty else { return [body] }
        for index in touched {
            let share = 1 - linkDensity(index)
            score[index] *= share
            gained[index] *= share
        }
        let ranked = touched.sorted { score[$0] > score[$1] }
        var top = ranked[0]
        let topScore = score[top]
        // Three of the five best inside one ancestor: the article is split over them.
        let alternatives = ranked.dropFirst().prefix(4).filter { score[$0] >= topScore * 0.75 }
        if alternatives.count >= 2 {
            var ancestor = Int(nodes[top].parent)
            while ancestor >= 0, nodes[ancestor].tag != .body {
                let inside = alternatives.filter { $0 > ancestor && $0 < Int(nodes[ancestor].end) }.count
                if inside >= 2 {
                    top = ancestor
                    break
                }
                ancestor = Int(nodes[ancestor].parent)
            }
        }
        // Paragraph points that rise on the way up mean more of the article lies in the winner's cousins (sections
        // that each wrap a heading and a box of paragraphs): Readability's climb, up while they stay above a third.
        // Points only: a wrapper's class word or tag prior is no evidence of more text.
        var lastGained = gained[top]
        var above = Int(nodes[top].parent)
        while above >= 0, nodes[above].tag != .body, nodes[above].tag != .html {
            if scored[above] {
                if gained[above] < lastGained / 3 { break }
                if gained[above] > lastGained {
                    top = above
                    break
                }
                lastGained = gained[above]
            }
            above = Int(nodes[above].parent)
        }
        // 4. Siblings.
        let parent = Int(nodes[top].parent)
        guard parent >= 0 else { return [top] }
        let threshold = max(10, score[top] * 0.2)
        let topClass = document.attribute(.class, of: top) ?? ""
        var chosen: [Int] = []
        for sibling in document.children(of: parent) where !nodes[sibling].isText && !removed[sibling] {
            if sibling == top {
                chosen.append(sibling)
                continue
            }
            var bonus = 0.0
            if !topClass.isEmpty, document.attribute(.class, of: sibling) == topClass { bonus = score[top] * 0.2 }
            if scored[sibling], score[sibling] + bonus >= threshold {
                chosen.append(sibling)
                continue
            }
            // A paragraph, or a box that reads as one (Readability turns such a div into a <p>).
            if nodes[sibling].tag == .p || isParagraphLike(sibling) {
                let length = textLength[sibling]
                let density = linkDensity(sibling)
                if length > 80, density < 0.25 {
                    chosen.append(sibling)
                } else if length > 0, density == 0, document.textContent(of: sibling).hasSuffix(".") {
                    chosen.append(sibling)
                }
            }
        }
        return chosen + sameClassParts(of: top, besides: chosen)
    }

    /// Other boxes with the winner's content class: an article split into several `article-body` parts by ads or
    /// embeds, where the parts are cousins rather than siblings.
    private func sameClassParts(of top: Int, besides chosen: [Int]) -> [Int] {
        guard let topClass = document.attribute(.class, of: top), !topClass.isEmpty, evidence[top].weight > 0 else {
            return []
        }
        let nodes = document.nodes
        var parts: [Int] = []
        var index = 0
        while index < nodes.count {
            let node = nodes[index]
            if removed[index] || chosen.contains(where: { index >= $0 && index < Int(nodes[$0].end) }) {
                index = removed[index] ? Int(node.end) : index + 1
                continue
            }
            if !node.isText, textLength[index] >= 100, linkDensity(index) < 0.3,
                document.attribute(.class, of: index) == topClass,
                !chosen.contains(where: { $0 > index && $0 < Int(node.end) })
            {
                parts.append(index)
                index = Int(node.end)
                continue
            }
            index += 1
        }
        return parts
    }

    // MARK: - 5. Emit

    /// Whether a box inside the article is boilerplate after all (Readability's "clean conditionally").
    private func cleanedAway(_ index: Int) -> Bool {
        let node = document.nodes[index]
        switch node.tag {
        case .div, .section, .ul, .ol, .table, .form, .fieldset, .dl, .header, .aside: break
        default: return false
        }
        let weight = evidence[index].weight
        let length = Int(textLength[index])
        let density = linkDensity(index)
        // Words that name a small box (embed, figure, meta, caption) cut it in the prune step only when it is small;
        // a box of prose they name (a list article's embedded entries) is judged like any other here.
        let minorOnly = evidence[index].isMinorBoilerplate && !evidence[index].isBoilerplate
        if weight < 0, !(minorOnly && length >= 400 && density < 0.2) { return true }
        guard commas[index] < 10 else { return false }
        let paragraphs = Int(paragraphCount[index])
        let images = Int(imageCount[index])
        let items = Int(listItemCount[index]) - 100
        let inputs = Int(inputCount[index])
        let isList = node.tag == .ul || node.tag == .ol || node.tag == .dl
        if images > 1, Double(paragraphs) / Double(images) < 0.5 { return true }
        if !isList, items > paragraphs { return true }
        if inputs > paragraphs / 3 { return true }
        if !isList, node.tag != .table, length < 25, images == 0 || images > 2 { return true }
        if !isList, weight < 25, density > 0.2 { return true }
        if weight >= 25, density > 0.5 { return true }
        if isList, density > 0.5 { return true }
        return false
    }

    /// The blocks of text under `roots`, in document order.
    /// - Complexity: O(size of the subtrees); the walk keeps its own stack, so depth costs no call stack.
    func blocks(under roots: [Int], cleaning: Bool = true) -> [Block] {
        var emitter = BlockEmitter(document: document)
        document.text.withUnsafeBufferPointer { text in
            emit(under: roots, cleaning: cleaning, text: text, into: &emitter)
        }
        return emitter.blocks
    }

    private func emit(
        under roots: [Int], cleaning: Bool, text: UnsafeBufferPointer<UInt8>, into emitter: inout BlockEmitter
    ) {
        for root in roots {
            var open: [(end: Int, isBlock: Bool, isLink: Bool)] = []
            var index = root
            let end = Int(document.nodes[root].end)
            while index < end {
                while let last = open.last, last.end <= index {
                    open.removeLast()
                    emitter.close(isBlock: last.isBlock, isLink: last.isLink)
                }
                let node = document.nodes[index]
                if removed[index] || (cleaning && index != root && cleanedAway(index)) {
                    index = Int(node.end)
                    continue
                }
                if node.isText {
                    emitter.text(Self.bytes(of: node, in: text))
                    index += 1
                    continue
                }
                let isLink = node.tag == .a
                emitter.open(tag: node.tag, href: isLink ? document.attribute(.href, of: index) : nil)
                open.append((Int(node.end), node.tag.isBlock, isLink))
                index += 1
            }
            while let last = open.popLast() { emitter.close(isBlock: last.isBlock, isLink: last.isLink) }
            emitter.flush()
        }
    }

    /// Every `<p>` (and `pre`, `blockquote`) outside pruned boxes: the fallback when scoring finds too little.
    func paragraphBlocks() -> [Block] {
        var roots: [Int] = []
        var index = 0
        while index < document.nodes.count {
            let node = document.nodes[index]
            if removed[index] {
                index = Int(node.end)
                continue
            }
            if !node.isText, node.tag == .p || node.tag == .pre || node.tag == .blockquote {
                roots.append(index)
                index = Int(node.end)
                continue
            }
            index += 1
        }
        return blocks(under: roots, cleaning: false)
    }
}

/// Turns a stream of open, text and close events into paragraph blocks.
private struct BlockEmitter {
    let document: HTMLDocument
    var blocks: [MainContent.Block] = []
    private var buffer: [UInt8] = []
    private var linkBytes = 0
    private var links = 0
    private var firstLink: String?
    private var blockTags: [HTMLTag] = []
    private var linkDepth = 0

    init(document: HTMLDocument) {
        self.document = document
    }

    mutating func open(tag: HTMLTag, href: String?) {
        if tag.isBlock {
            flush()
            blockTags.append(tag)
        }
        if tag == .a {
            linkDepth += 1
            links += 1
            if firstLink == nil, let href, !href.isEmpty { firstLink = href }
        }
    }

    mutating func close(isBlock: Bool, isLink: Bool) {
        if isLink { linkDepth -= 1 }
        if isBlock {
            flush()
            _ = blockTags.popLast()
        }
    }

    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        let before = buffer.count
        HTMLDocument.appendFolded(bytes, to: &buffer)
        if linkDepth > 0 {
            linkBytes += buffer.withUnsafeBufferPointer {
                MainContent.visibleBytes(UnsafeBufferPointer(rebasing: $0[before...]))
            }
        }
    }

    mutating func flush() {
        while buffer.last == 0x20 { buffer.removeLast() }
        if !buffer.isEmpty {
            blocks.append(
                MainContent.Block(
                    text: String(decoding: buffer, as: UTF8.self), tag: blockTags.last ?? .other, linkBytes: linkBytes,
                    firstLink: firstLink, links: links))
        }
        buffer.removeAll(keepingCapacity: true)
        linkBytes = 0
        links = 0
        firstLink = nil
    }
}
