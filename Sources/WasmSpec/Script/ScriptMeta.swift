// The meta commands `input` and `output` (reference: runner.ml `run_meta`,
// `input_file`, `output_file`): reading scripts and modules from files into the running
// state, and writing modules and scripts out, in the format the file's extension names.

/// The kinds of files meta commands read and write, by extension (`dispatch_file_ext`).
enum ScriptFileKind {
    case binary, text, binaryScript, script, javaScript

    init?(_ path: String) {
        if path.hasSuffix(".wasm") {
            self = .binary
        } else if path.hasSuffix(".wat") {
            self = .text
        } else if path.hasSuffix(".bin.wast") {
            self = .binaryScript
        } else if path.hasSuffix(".wast") {
            self = .script
        } else if path.hasSuffix(".js") {
            self = .javaScript
        } else {
            return nil
        }
    }
}

extension ScriptRunner {
    /// A file name of a meta command: relative ones are found beside the script being
    /// run when they are there.
    func resolve(_ file: String) -> String {
        guard !file.hasPrefix("/"), let folder else { return file }
        let beside = folder + "/" + file
        return FileSystem.exists(beside) || !FileSystem.exists(file) ? beside : file
    }

    /// `(input $id? "file")`: runs a script, or defines a module, from a file, in this
    /// runner's state; `$id` then names the script, the module and the instance defined
    /// last.
    func input(_ file: String, as id: String?, _ command: ScriptCommand) {
        let path = resolve(file)
        guard let kind = ScriptFileKind(path), kind != .javaScript else {
            let why = ScriptFileKind(path) == nil ? "unrecognized file type" : "unrecognized input file type"
            fail(.input, command, Failure("i/o error", "\(file): \(why)"))
            return
        }
        trace("Loading (\(file))...")
        let bytes: [UInt8]
        switch FileSystem.contents(path) {
        case .success(let b): bytes = b
        case .failure(let e):
            fail(.input, command, Failure("i/o error", "\(file): \(e.reason)"))
            return
        }
        let saved = (self.file, folder, source)
        self.file = file
        source = bytes
        if let slash = path.lastIndex(of: "/") { folder = String(path[..<slash]) } else { folder = nil }
        let before = failures
        switch kind {
        case .binary:
            trace("Decoding...")
            var m = ScriptModule(id: nil, isDefinition: true, source: .binary(bytes), location: command.location)
            m.binaryName = file
            trace("Running...")
            runQuoted([ScriptCommand(.module(m), at: command.location, end: command.end)])
        case .text:
            trace("Parsing...")
            do {
                let parsed = try Module.parse(text: bytes, file: file, customs: options.customs)
                var m = ScriptModule(
                    id: parsed.id, isDefinition: true, source: .text(parsed.module), location: command.location,
                    customs: parsed.customs)
                m.sourceRange = 0..<bytes.count
                trace("Running...")
                runQuoted([ScriptCommand(.module(m), at: command.location, end: command.end)])
            } catch {
                let failure = ParseFailure(error: error, file: file)
                fail(.input, failure.location, failure.failure)
            }
        default:
            trace("Parsing...")
            do {
                let script = try parseScript(bytes, file: file, customs: options.customs)
                trace("Running...")
                runQuoted(script)
            } catch {
                let failure = ParseFailure(error: error, file: file)
                fail(.script, failure.location, failure.failure)
            }
        }
        (self.file, folder, source) = saved
        if failures == before { record(.input, command.location, .passed) }
        if let id {
            scripts[Name(id)] = scripts[Name(nil)]
            modules[Name(id)] = modules[Name(nil)]
            if !options.dry { instances[Name(id)] = instances[Name(nil)] }
        }
    }

    /// `(output $id? "file"?)`: writes a module (`.wasm`, `.wat`) or a script (`.wast`,
    /// `.bin.wast`, `.js`), or prints the module when no file is named.
    func output(_ id: String?, to file: String?, _ command: ScriptCommand) {
        do {
            try write(id, to: file)
            record(.output, command.location, .passed)
        } catch {
            fail(.output, command, error)
        }
    }

    private func write(_ id: String?, to file: String?) throws(Failure) {
        guard let file else {
            trace("Printing...")
            print(try moduleText(try lookupModule(id)))
            return
        }
        let path = resolve(file)
        guard let kind = ScriptFileKind(path) else { throw Failure("i/o error", "\(file): unrecognized file type") }
        let bytes: [UInt8]
        switch kind {
        case .binary:
            trace("Encoding (\(file))...")
            let d = try lookupModule(id)
            bytes = d.module.encode(withCustom: d.customs)
            trace("Writing...")
        case .text:
            trace("Writing (\(file))...")
            bytes = Array(try moduleText(try lookupModule(id)).utf8)
        case .binaryScript, .script:
            trace("Writing (\(file))...")
            let printer = ScriptPrinter(
                mode: kind == .script ? .textual : .binary, width: options.width, customs: options.customs)
            bytes = Array(try printer.print(try lookupScript(id).map(\.command)).utf8)
        case .javaScript:
            trace("Converting (\(file))...")
            var converter = JSConverter(harness: options.harness, customs: options.customs)
            bytes = Array(try converter.convert(try lookupScript(id)).utf8)
            trace("Writing...")
        }
        if case .failure(let e) = FileSystem.replace(path, with: bytes) {
            throw Failure("i/o error", "\(file): \(e.reason)")
        }
    }

    private func moduleText(_ d: DefinedModule) throws(Failure) -> String {
        // A few bytes can declare billions of locals: past the printer's limit, the
        // command fails instead of writing gigabytes.
        do {
            return try d.module.text(
                width: options.width, custom: d.customs, asReference: true, maxLocals: Module.maxPrintedLocals)
        } catch {
            throw Failure("i/o error", error.message)
        }
    }

    private func lookupModule(_ id: String?) throws(Failure) -> DefinedModule {
        guard let d = modules[Name(id)] else {
            throw Failure("i/o error", id.map { "unknown module \($0)" } ?? "no module defined")
        }
        return d
    }

    private func lookupScript(_ id: String?) throws(Failure) -> [QuotedCommand] {
        guard let s = scripts[Name(id)] else {
            throw Failure("i/o error", id.map { "unknown script \($0)" } ?? "no script defined")
        }
        return s
    }
}
