import Foundation

/// The API's OpenAPI 3.1 document, as bundled (`Resources/openapi.json`, the same file as `docs/openapi.json`).
enum OpenAPIDocument {
    static let bytes: [UInt8] = {
        guard
            let url = Bundle.module.url(forResource: "Resources", withExtension: nil)?.appendingPathComponent(
                "openapi.json"),
            let data = try? Data(contentsOf: url)
        else { return Array("{}".utf8) }
        return Array(data)
    }()
}
