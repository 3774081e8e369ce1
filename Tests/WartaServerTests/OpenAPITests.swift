import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WartaQuery
import WartaServer
import WartaStore
import WartaStoreSQLite
import WartaTestSupport

/// The bundled OpenAPI document and a validator for the part of JSON Schema it uses (type, required, properties,
/// additionalProperties: false, items, enum, pattern, minimum, maximum, $ref).
struct OpenAPI: @unchecked Sendable {
    let document: [String: Any]

    init() throws {
        let url = Fixtures.repositoryRoot.appendingPathComponent("Sources/WartaServer/Resources/openapi.json")
        document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    var paths: [String: [String: Any]] { document["paths"] as? [String: [String: Any]] ?? [:] }

    /// The schema of a JSON response, or `nil` when the document has none for that path, method and status.
    func responseSchema(path: String, method: String, status: Int) -> [String: Any]? {
        let operation = paths[path]?[method.lowercased()] as? [String: Any]
        let responses = operation?["responses"] as? [String: Any]
        let response = responses?[String(status)] as? [String: Any]
        let content = response?["content"] as? [String: Any]
        return (content?["application/json"] as? [String: Any])?["schema"] as? [String: Any]
    }

    func resolve(_ schema: [String: Any]) -> [String: Any] {
        guard let reference = schema["$ref"] as? String else { return schema }
        let name = reference.replacingOccurrences(of: "#/components/schemas/", with: "")
        let components = document["components"] as? [String: Any]
        return (components?["schemas"] as? [String: Any])?[name] as? [String: Any] ?? [:]
    }

    /// Every way `value` breaks `schema`, with its JSON path.
    func violations(_ value: Any, _ schema: [String: Any], at path: String = "$") -> [String] {
        let schema = resolve(schema)
        var found: [String] = []
        if let allowed = schema["enum"] as? [Any] {
            if !allowed.contains(where: { "\($0)" == "\(value)" }) { found.append("\(path): \(value) not in enum") }
        }
        switch schema["type"] as? String {
        case "object":
            guard let object = value as? [String: Any] else { return found + ["\(path): not an object"] }
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                found.append("\(path): missing \(key)")
            }
            let properties = schema["properties"] as? [String: [String: Any]] ?? [:]
            for (key, child) in object {
                if let property = properties[key] {
                    found += violations(child, property, at: path + "." + key)
                } else if schema["additionalProperties"] as? Bool == false {
                    found.append("\(path): undocumented property \(key)")
                }
            }
        case "array":
            guard let array = value as? [Any] else { return found + ["\(path): not an array"] }
            if let items = schema["items"] as? [String: Any] {
                for (index, element) in array.enumerated() {
                    found += violations(element, items, at: "\(path)[\(index)]")
                }
            }
        case "string":
            guard let text = value as? String else { return found + ["\(path): not a string"] }
            if let pattern = schema["pattern"] as? String, text.range(of: pattern, options: .regularExpression) == nil {
                found.append("\(path): \"\(text)\" does not match \(pattern)")
            }
        case "integer":
            guard let number = value as? NSNumber, number.doubleValue.rounded() == number.doubleValue else {
                return found + ["\(path): not an integer"]
            }
            if let minimum = schema["minimum"] as? Int, number.intValue < minimum {
                found.append("\(path): below minimum")
            }
        case "number":
            if !(value is NSNumber) { found.append("\(path): not a number") }
        case "boolean":
            if !(value is Bool) { found.append("\(path): not a boolean") }
        default: break
        }
        return found
    }
}

@Suite("OpenAPI document", .serialized)
struct OpenAPITests {
    @Test("every API route is in the document with its method, and the document names no route the server lacks")
    func routesDocumented() async throws {
        let openapi = try OpenAPI()
        let router = try await ServerFixture.server().router()
        var served: Set<String> = []
        for route in router.routes {
            var path = route.path.description
            if !path.hasPrefix("/") { path = "/" + path }
            guard path.hasPrefix("/api/") || path == "/healthz" || path == "/metrics" else { continue }
            path = path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
                .joined(separator: "/")
            path = "/" + path.drop { $0 == "/" }
            let method = route.method.rawValue.lowercased()
            served.insert(method + " " + path)
            #expect(openapi.paths[path]?[method] != nil, "\(method) \(path) is not in openapi.json")
        }
        for (path, operations) in openapi.paths {
            for method in operations.keys {
                #expect(served.contains(method + " " + path), "\(method) \(path) is not served")
            }
        }
    }

    @Test("every operation's responses, good and bad, validate against the document")
    func responsesValidate() async throws {
        let openapi = try OpenAPI()
        let setup = try await ServerFixture.shared.value
        let storyline = try #require(try await setup.store.placement(of: 1)).storyline
        let event = try #require(try await setup.store.placement(of: 1)).event
        let entity = try #require(try await setup.queries.entity(named: "Bagheri Kani")).id
        let requests: [(uri: String, template: String)] = [
            ("/healthz", "/healthz"),
            ("/api/v1/storylines", "/api/v1/storylines"),
            ("/api/v1/storylines?order=largest&limit=3", "/api/v1/storylines"),
            ("/api/v1/storylines?limit=0", "/api/v1/storylines"),
            ("/api/v1/storylines/\(storyline)", "/api/v1/storylines/{id}"),
            ("/api/v1/storylines/99999999", "/api/v1/storylines/{id}"),
            ("/api/v1/events/\(event)", "/api/v1/events/{id}"),
            ("/api/v1/articles?limit=50", "/api/v1/articles"),
            ("/api/v1/articles/1", "/api/v1/articles/{id}"),
            ("/api/v1/articles/2", "/api/v1/articles/{id}"),
            ("/api/v1/articles/99999999", "/api/v1/articles/{id}"),
            ("/api/v1/entities?limit=50", "/api/v1/entities"),
            ("/api/v1/entities?q=jok", "/api/v1/entities"),
            ("/api/v1/entities/\(entity)", "/api/v1/entities/{id}"),
            ("/api/v1/quotes?limit=100", "/api/v1/quotes"),
            ("/api/v1/timeline?storyline=\(storyline)", "/api/v1/timeline"),
            ("/api/v1/timeline?limit=200", "/api/v1/timeline"),
            ("/api/v1/search?q=presiden", "/api/v1/search"),
            ("/api/v1/search?q=%20", "/api/v1/search"),
            ("/api/v1/search/count-over-time?q=presiden&bucket=week", "/api/v1/search/count-over-time"),
        ]
        try await withClient(try await ServerFixture.server()) { client in
            for request in requests {
                try await client.execute(uri: request.uri, method: .get) { response in
                    let schema = try #require(
                        openapi.responseSchema(
                            path: request.template, method: "get", status: Int(response.status.code)),
                        "\(request.uri): status \(response.status.code) is not documented")
                    let value = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))
                    let problems = openapi.violations(value, schema)
                    #expect(problems.isEmpty, "\(request.uri): \(problems.prefix(5))")
                }
            }
        }
    }

    @Test("the validator catches a wrong type, a missing field and an undocumented one")
    func validatorFails() throws {
        let openapi = try OpenAPI()
        let schema: [String: Any] = ["$ref": "#/components/schemas/DayCount"]
        #expect(openapi.violations(["day": "2019-09-01", "count": 3], schema).isEmpty)
        #expect(openapi.violations(["day": "2019-09-01", "count": "3"], schema).count == 1)
        #expect(openapi.violations(["day": "2019-09-01"], schema).count == 1)
        #expect(openapi.violations(["day": "2019-09-01", "count": 3, "extra": 1], schema).count == 1)
        #expect(openapi.violations(["day": "1 Sept", "count": 3], schema).count == 1)
    }
}
