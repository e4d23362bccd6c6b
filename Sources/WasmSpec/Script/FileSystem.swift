// Reading files and walking folders with the C library, so the library needs no
// Foundation.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// File-system access for running scripts; for this package's tools, not part of the
/// library's API.
package enum FileSystem {
    /// The whole contents of a file, or `nil` when it cannot be read.
    package static func read(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if n > 0 { bytes.append(contentsOf: chunk[0..<n]) }
            if n < chunk.count {
                return ferror(file) == 0 ? bytes : nil
            }
        }
    }

    /// The whole contents of a file, or why it cannot be read, worded as the C library
    /// words it (`No such file or directory`).
    package static func contents(_ path: String) -> Result<[UInt8], FileError> {
        errno = 0
        if isDirectory(path) { return .failure(FileError(path: path, reason: String(cString: strerror(EISDIR)))) }
        guard let bytes = read(path) else {
            return .failure(FileError(path: path, reason: String(cString: strerror(errno == 0 ? EIO : errno))))
        }
        return .success(bytes)
    }

    /// Writes bytes to a file, replacing it, or says why it cannot.
    package static func replace(_ path: String, with bytes: [UInt8]) -> Result<Void, FileError> {
        errno = 0
        if write(path, bytes) { return .success(()) }
        return .failure(FileError(path: path, reason: String(cString: strerror(errno == 0 ? EIO : errno))))
    }

    /// Writes a file, replacing it; `false` when it cannot be written.
    @discardableResult
    package static func write(_ path: String, _ text: String) -> Bool {
        write(path, Array(text.utf8))
    }

    /// Writes bytes to a file, replacing it; `false` when it cannot be written.
    @discardableResult
    package static func write(_ path: String, _ bytes: [UInt8]) -> Bool {
        guard let file = fopen(path, "wb") else { return false }
        defer { fclose(file) }
        let n = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        return n == bytes.count
    }

    package static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    package static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// The files under a folder whose names end with one of the extensions, recursively,
    /// sorted by path; `nil` when the folder cannot be read.
    package static func files(under root: String, withExtensions extensions: [String]) -> [String]? {
        guard isDirectory(root) else { return nil }
        var found: [String] = []
        var pending = [root]
        while let dir = pending.popLast() {
            guard let handle = opendir(dir) else { return nil }
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                let path = dir.hasSuffix("/") ? dir + name : dir + "/" + name
                if isDirectory(path) {
                    pending.append(path)
                } else if extensions.contains(where: { name.hasSuffix($0) }) {
                    found.append(path)
                }
            }
            closedir(handle)
        }
        return found.sorted()
    }

    /// The value of an environment variable, if set and not empty.
    package static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let s = String(cString: value)
        return s.isEmpty ? nil : s
    }
}

/// Where the official test suite is: `$WASM_SPECTESTS`, else `spectests/suite` in the
/// package, else `../shared/spectests` beside the checkout. Each holds `core/`.
public enum SpecSuite {
    /// The first candidate folder that exists, relative to the package root given.
    public static func locate(packageRoot: String = ".") -> String? {
        var candidates: [String] = []
        if let env = FileSystem.environment("WASM_SPECTESTS") { candidates.append(env) }
        candidates.append(packageRoot + "/spectests/suite")
        candidates.append(packageRoot + "/../shared/spectests")
        return candidates.first { FileSystem.isDirectory($0 + "/core") }
    }
}

/// A file that cannot be read or written, and why: `path: reason` as the reference's
/// `Sys_error` says it.
package struct FileError: Error, Hashable, Sendable, CustomStringConvertible {
    package var path: String
    package var reason: String

    package var description: String { "\(path): \(reason)" }
}
