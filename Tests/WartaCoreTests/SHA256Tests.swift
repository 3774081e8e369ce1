import Testing
import WartaCore

@Suite("SHA-256")
struct SHA256Tests {
    @Test(
        "matches the FIPS 180-4 test vectors",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
        ])
    func vectors(input: String, digest: String) {
        #expect(SHA256.hex(input) == digest)
    }

    @Test("hashes a million bytes like the reference")
    func million() {
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hex(bytes) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}

@Suite("TextSpan")
struct TextSpanTests {
    @Test("reads UTF-8 offsets, not characters")
    func utf8Offsets() {
        let text = "Pezeshkian – Teheran"
        // "–" is three bytes.
        #expect(TextSpan(start: 14, end: 20).text(in: text) == " Teher")
        #expect(TextSpan(start: 0, end: 10).text(in: text) == "Pezeshkian")
        #expect(TextSpan(start: 0, end: 99).text(in: text) == "")
    }

    @Test("renders errors in the one documented shape")
    func errorText() {
        #expect(
            WartaError.unknownArticle(ArticleID(42)).description
                == "error[W0201]: no article with id 42\nhint: run `warta articles` to list them")
    }
}
