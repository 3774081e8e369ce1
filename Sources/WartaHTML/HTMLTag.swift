/// The element names Warta's extraction tells apart; every other name is ``other``.
///
/// Names are matched lower-case, as libxml2's HTML parser reports them.
public enum HTMLTag: UInt8, Sendable, CaseIterable {
    case other
    case html, head, body, title, meta, link, base, style, script, noscript, template
    case svg, math, iframe, object, embed, canvas, video, audio, picture, source, img, map
    case figure, figcaption, nav, aside, footer, header, main, article, section, address
    case div, span, p, br, hr, wbr, center, font
    case h1, h2, h3, h4, h5, h6
    case ul, ol, li, dl, dt, dd, menu
    case table, caption, thead, tbody, tfoot, tr, td, th
    case blockquote, pre, code, a, b, strong, i, em, u, s, small, big, sup, sub, cite, q, abbr, time, mark
    case label, form, input, button, select, option, textarea, fieldset, legend, dialog, details, summary
    case ins, del, strike, kbd, samp, tt, `var`, dfn, bdi, bdo, ruby, rt, rp, data, output, meter, progress

    /// The tag for a lower-case element name.
    public init(name: String) {
        self = Self.byName[name] ?? .other
    }

    private static let byName: [String: HTMLTag] = {
        var table: [String: HTMLTag] = [:]
        for tag in HTMLTag.allCases where tag != .other { table["\(tag)"] = tag }
        return table
    }()

    /// Elements that start a new block of text (a paragraph break before and after them).
    public var isBlock: Bool { Self.blockTags[Int(rawValue)] }

    /// Headings `h1` to `h6`.
    public var isHeading: Bool {
        switch self {
        case .h1, .h2, .h3, .h4, .h5, .h6: return true
        default: return false
        }
    }

    private static let blockTags: [Bool] = {
        let blocks: Set<HTMLTag> = [
            .html, .body, .p, .div, .section, .article, .main, .header, .footer, .nav, .aside, .address,
            .h1, .h2, .h3, .h4, .h5, .h6, .ul, .ol, .li, .dl, .dt, .dd, .menu, .table, .caption, .thead, .tbody,
            .tfoot, .tr, .td, .th, .blockquote, .pre, .figure, .figcaption, .form, .fieldset, .legend, .hr, .br,
            .center, .details, .summary, .dialog, .noscript, .iframe, .video, .audio, .canvas, .object, .embed,
        ]
        return HTMLTag.allCases.map { blocks.contains($0) }
    }()
}

/// The attribute names Warta keeps; the parser drops all others.
public enum HTMLAttributeName: UInt8, Sendable, CaseIterable {
    case `class`, id, href, src, itemprop, itemtype, itemscope, role, hidden, style, ariaHidden
    case datetime, content, name, property, rel, type, lang, httpEquiv, charset, title, pubdate, dataSrc

    /// The attribute's name in markup.
    public var markupName: String {
        switch self {
        case .ariaHidden: return "aria-hidden"
        case .httpEquiv: return "http-equiv"
        case .dataSrc: return "data-src"
        default: return "\(self)"
        }
    }

    /// The kept attribute for a lower-case markup name, or `nil`.
    public init?(markupName: String) {
        guard let value = Self.byName[markupName] else { return nil }
        self = value
    }

    private static let byName: [String: HTMLAttributeName] = {
        var table: [String: HTMLAttributeName] = [:]
        for name in HTMLAttributeName.allCases { table[name.markupName] = name }
        return table
    }()
}
