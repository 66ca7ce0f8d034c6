import BarbellData
import Foundation
import PostgresNIO

/// Where a ``PostgresMarketStore`` lives, parsed from a `postgres://` URL.
///
/// Accepted form: `postgres://user:password@host:port/database?schema=name&sslmode=disable`
/// (`postgresql://` too). User defaults to `postgres`, port to 5432, database to the user's
/// name, schema to `barbell`. A `host=/socket/dir` query item connects through the Unix socket
/// in that folder instead of TCP, as libpq does.
public struct PostgresLocation: Sendable, Hashable {
    public var host: String
    public var port: Int
    /// Folder holding the server's Unix socket; when set it is used instead of host and port.
    public var socketDirectory: String?
    public var user: String
    public var password: String?
    public var database: String
    /// The schema that holds the store's tables, so one database can hold several stores.
    public var schema: String
    /// `disable`, `prefer` (the default) or `require`, as in libpq.
    public var sslMode: String

    /// The schema used when the URL names none.
    public static let defaultSchema = "barbell"

    /// Parses a URL.
    /// - Throws: ``DataError`` `.invalidArgument` for another scheme, a bad port or schema name.
    public init(url text: String) throws {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(),
              scheme == "postgres" || scheme == "postgresql" else {
            throw DataError(.invalidArgument, "not a postgres:// URL: \(Self.redacted(text))")
        }
        let items = Dictionary((url.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        user = url.user?.removingPercentEncoding ?? url.user ?? "postgres"
        password = url.password?.removingPercentEncoding ?? url.password
        host = url.host?.isEmpty == false ? url.host! : "localhost"
        port = url.port ?? 5432
        socketDirectory = items["host"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        database = path.isEmpty ? user : (path.removingPercentEncoding ?? path)
        schema = items["schema"] ?? Self.defaultSchema
        sslMode = items["sslmode"] ?? "prefer"
        guard (1...65535).contains(port) else {
            throw DataError(.invalidArgument, "port \(port) out of range in \(Self.redacted(text))")
        }
        // The schema is spliced into SQL as an identifier, so only plain names are accepted.
        guard Self.isPlainIdentifier(schema) else {
            throw DataError(.invalidArgument, "schema '\(schema)' must be lower-case letters, digits and underscores, starting with a letter or underscore")
        }
        guard ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"].contains(sslMode) else {
            throw DataError(.invalidArgument, "unknown sslmode '\(sslMode)'")
        }
    }

    /// The URL with the password masked, for messages and logs.
    public static func redacted(_ text: String) -> String {
        guard var url = URLComponents(string: text), url.password != nil else { return text }
        url.password = "***"
        return url.string ?? text
    }

    static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.utf8.count <= 63 else { return false }
        let lower = Unicode.Scalar("a")...Unicode.Scalar("z"), digits = Unicode.Scalar("0")...Unicode.Scalar("9")
        return (lower.contains(first) || first == "_")
            && name.unicodeScalars.allSatisfy { lower.contains($0) || digits.contains($0) || $0 == "_" }
    }

    /// The PostgresNIO client configuration for this location.
    var clientConfiguration: PostgresClient.Configuration {
        var config: PostgresClient.Configuration
        if let socketDirectory {
            config = .init(unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: user, password: password, database: database)
        } else {
            let tls: PostgresClient.Configuration.TLS
            switch sslMode {
            case "disable", "allow": tls = .disable
            case "prefer": tls = .prefer(.makeClientConfiguration())
            default: tls = .require(.makeClientConfiguration())
            }
            config = .init(host: host, port: port, username: user, password: password, database: database, tls: tls)
        }
        config.options.maximumConnections = 8
        return config
    }
}
