import Testing
import WartaCore

@testable import WartaText

@Suite("Text decoding")
struct TextDecoderTests {
    let decoder = TextDecoder()

    func decoded(_ bytes: [UInt8], declared: String? = nil) -> TextDecoder.Decoded? {
        if case .success(let value) = decoder.decode(bytes, declared: declared) { return value }
        return nil
    }

    func refusal(_ bytes: [UInt8]) -> DropReason? {
        if case .failure(let reason) = decoder.decode(bytes) { return reason }
        return nil
    }

    @Test("reads UTF-8 with and without a byte-order mark")
    func utf8() {
        #expect(decoded(Array("Teheran – Washington".utf8)) == .init(text: "Teheran – Washington", encoding: "utf-8"))
        #expect(decoded([0xEF, 0xBB, 0xBF] + Array("Oman".utf8)) == .init(text: "Oman", encoding: "utf-8-bom"))
    }

    @Test("reads UTF-16 with a byte-order mark, both byte orders")
    func utf16() {
        let text = "Bagheri Kani “Oman”"
        let le: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(decoded(le) == .init(text: text, encoding: "utf-16le"))
        #expect(decoded(be) == .init(text: text, encoding: "utf-16be"))
        #expect(refusal([0xFF, 0xFE, 0x41]) != nil)
    }

    @Test("reads UTF-16 without a byte-order mark, both byte orders, and still refuses binary with NUL bytes")
    func unmarkedUTF16() {
        let text = "Jakarta – “Ini untuk rakyat,” kata Jokowi."
        let le: [UInt8] = text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be: [UInt8] = text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(decoded(le) == .init(text: text, encoding: "utf-16le"))
        #expect(decoded(be) == .init(text: text, encoding: "utf-16be"))
        // NUL bytes at random positions are not UTF-16.
        let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0x9C, 0x6E]
        #expect(refusal(zip)?.code == "binary")
        // Every other byte NUL but an odd length: truncated, refused.
        #expect(refusal(le.dropLast())?.code == "binary")
    }

    @Test("detects windows-1252 and ISO-8859-1")
    func legacy() {
        // "café – “Oman”" in windows-1252: é = E9, – = 96, “ = 93, ” = 94.
        let cp1252: [UInt8] = [0x63, 0x61, 0x66, 0xE9, 0x20, 0x96, 0x20, 0x93, 0x4F, 0x6D, 0x61, 0x6E, 0x94]
        #expect(decoded(cp1252) == .init(text: "café – “Oman”", encoding: "windows-1252"))
        let latin1: [UInt8] = [0x4A, 0x61, 0x6B, 0x61, 0x72, 0x74, 0x61, 0x20, 0xA9, 0x20, 0x32, 0x30, 0x32, 0x34]
        #expect(decoded(latin1) == .init(text: "Jakarta © 2024", encoding: "iso-8859-1"))
    }

    @Test("refuses empty, binary and mixed-up bytes with a reason")
    func refusals() {
        #expect(refusal([])?.code == "empty")
        #expect(
            refusal([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00])?.message == "binary content (NUL byte at offset 4), not text")
        // Valid UTF-8 "é" (C3 A9) and a stray 0xFF: refused, not mangled.
        let mixed: [UInt8] = Array("caf".utf8) + [0xC3, 0xA9, 0x20, 0xFF, 0x41]
        #expect(refusal(mixed)?.message.hasPrefix("invalid UTF-8 at byte offset 6") == true)
        let controls = [UInt8](repeating: 0x01, count: 50) + Array("abc".utf8)
        #expect(refusal(controls)?.code == "encoding")
    }

    @Test("normalises to NFC")
    func nfc() {
        let decomposed = "Pe\u{0301}rez"
        #expect(decoded(Array(decomposed.utf8))?.text.unicodeScalars.count == 5)
        #expect(decoded(Array(decomposed.utf8))?.text == "Pérez")
    }
}
