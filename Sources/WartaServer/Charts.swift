import Foundation
import WartaDates
import WartaStore

/// HTML escaping for text and attribute values: the five characters that can end a text or an attribute.
enum HTML {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `url` when it is an absolute http(s) address (never `javascript:` or `data:`), else `nil`.
    static func safeURL(_ url: String?) -> String? {
        guard let url, let components = URLComponents(string: url),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https", components.host != nil
        else { return nil }
        return url
    }
}

/// Small inline SVG charts (no script, no external asset), sized by their viewBox so they scale with the page.
enum Charts {
    /// The days from `first` to `last`, inclusive, as day numbers since 1970-01-01.
    static func dayRange(_ counts: [DayCount]) -> (first: Int, last: Int)? {
        let days = counts.compactMap { ISODay.days($0.day).map { Int($0) } }
        guard let first = days.min(), let last = days.max() else { return nil }
        return (first, last)
    }

    static func day(_ number: Int) -> String {
        ISODay.string(days: number)
    }

    /// A sparkline of articles per day (days without articles count zero).
    static func sparkline(_ counts: [DayCount], label: String, width: Int = 120, height: Int = 24) -> String {
        guard let range = dayRange(counts) else { return "" }
        var perDay: [Int: Int] = [:]
        for count in counts { if let d = ISODay.days(count.day) { perDay[Int(d), default: 0] += count.count } }
        let span = max(1, range.last - range.first)
        let peak = max(1, perDay.values.max() ?? 1)
        var points: [String] = []
        for d in range.first...range.last {
            let x = Double(d - range.first) / Double(span) * Double(width - 2) + 1
            let y = Double(height - 2) - Double(perDay[d] ?? 0) / Double(peak) * Double(height - 4) + 1
            points.append(String(format: "%.1f,%.1f", x, y))
        }
        if points.count == 1 {
            points.append(String(format: "%.1f,%@", Double(width - 1), String(points[0].split(separator: ",")[1])))
        }
        return """
            <svg class="spark" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" role="img" aria-label="\(HTML.escape(label))"><title>\(HTML.escape(label))</title><polyline fill="none" stroke="currentColor" stroke-width="1.5" points="\(points.joined(separator: " "))"/></svg>
            """
    }

    /// Bars of a count per day (or bucket), with the first and last day written under the axis.
    static func bars(_ counts: [DayCount], label: String, width: Int = 640, height: Int = 140) -> String {
        guard !counts.isEmpty else { return "" }
        let sorted = counts.sorted { $0.day < $1.day }
        let peak = max(1, sorted.map(\.count).max() ?? 1)
        let plotHeight = height - 28
        let slot = min(40, Double(width - 40) / Double(sorted.count))
        var rects = ""
        for (index, count) in sorted.enumerated() {
            let h = Double(count.count) / Double(peak) * Double(plotHeight - 4)
            let x = 36 + Double(index) * slot
            rects += String(
                format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%@: %d</title></rect>",
                x, Double(plotHeight) - h, max(1, slot * 0.8), h, HTML.escape(count.day), count.count)
        }
        let first = HTML.escape(sorted.first?.day ?? "")
        let last = HTML.escape(sorted.last?.day ?? "")
        return """
            <svg class="chart" viewBox="0 0 \(width) \(height)" role="img" aria-label="\(HTML.escape(label))"><title>\(HTML.escape(label))</title><g class="bars">\(rects)</g><line x1="34" y1="\(plotHeight)" x2="\(width - 2)" y2="\(plotHeight)" class="axis"/><text x="0" y="12" class="tick">\(peak)</text><text x="36" y="\(height - 8)" class="tick">\(first)</text><text x="\(width - 4)" y="\(height - 8)" class="tick" text-anchor="end">\(last)</text></svg>
            """
    }

    /// Events on a time axis: one row each, a bar from its first to its last day, its article count beside it.
    static func eventAxis(_ events: [(title: String, first: String?, last: String?, articles: Int)], label: String)
        -> String
    {
        let dated = events.compactMap { event -> (String, Int, Int, Int)? in
            guard let first = event.first.flatMap(ISODay.days),
                let last = (event.last ?? event.first).flatMap(ISODay.days)
            else { return nil }
            return (event.title, Int(first), Int(last), event.articles)
        }
        guard let start = dated.map(\.1).min(), let end = dated.map(\.2).max() else { return "" }
        let width = 640
        let row = 22
        let height = dated.count * row + 30
        let span = Double(max(1, end - start + 1))
        let scale = Double(width - 160) / span
        var shapes = ""
        for (index, event) in dated.enumerated() {
            let y = 8 + index * row
            let x = 150 + Double(event.1 - start) * scale
            let w = max(4, Double(event.2 - event.1 + 1) * scale)
            let title = HTML.escape(event.0)
            let short = HTML.escape(event.0.count > 22 ? String(event.0.prefix(21)) + "…" : event.0)
            shapes += String(
                format:
                    "<g class=\"event\"><title>%@ (%d)</title><text x=\"0\" y=\"%d\" class=\"tick\">%@</text><rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"14\"/><text x=\"%.1f\" y=\"%d\" class=\"tick\">%d</text></g>",
                title, event.3, y + 11, short, x, y, w, x + w + 3, y + 11, event.3)
        }
        return """
            <svg class="chart timeline" viewBox="0 0 \(width) \(height)" role="img" aria-label="\(HTML.escape(label))"><title>\(HTML.escape(label))</title>\(shapes)<line x1="150" y1="\(height - 20)" x2="\(width - 10)" y2="\(height - 20)" class="axis"/><text x="150" y="\(height - 6)" class="tick">\(day(start))</text><text x="\(width - 10)" y="\(height - 6)" class="tick" text-anchor="end">\(day(end))</text></svg>
            """
    }
}
