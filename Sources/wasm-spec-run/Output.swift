// Standard output and standard error, written unbuffered in order, as the reference
// flushes after each result, so that the two interleave as they were written.

import WasmSpec

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes all of `text` to a file descriptor.
func write(_ fd: Int32, _ text: String) {
    let bytes = Array(text.utf8)
    var start = 0
    while start < bytes.count {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + start, $0.count - start) }
        if n <= 0 { return }
        start += n
    }
}

func writeOut(_ text: String) { write(1, text) }

func printError(_ message: String) { write(2, message + "\n") }

/// Where a run in the reference's manner writes.
let standardStreams = ScriptOutput(out: { writeOut($0) }, err: { write(2, $0) })
