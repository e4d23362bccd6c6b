// Decoding, encoding and checking a module together with its custom sections, through
// the registered handlers (reference: binary/decode.ml `decode_with_custom`,
// binary/encode.ml `encode_with_custom`, valid/valid.ml `check_module_with_custom`).

/// Why a module with custom sections could not be decoded: the binary itself, or a
/// custom section its handler rejects.
public enum CustomDecodeError: Error, Hashable, Sendable {
    case binary(DecodeError)
    case custom(CustomError)
}

extension Module {
    /// Decodes a binary module and hands each custom section to its handler, in file
    /// order: the handler registered under the section's name, else the `custom`
    /// handler if registered; a section neither takes is dropped, or under
    /// `rejectUnknown` an error. `name` names the module in error positions.
    public static func decodeWithCustom(
        _ bytes: [UInt8], name: String, config: CustomConfig
    ) throws(CustomDecodeError) -> (Module, [CustomFormat]) {
        let decoded: (Module, [CodeOffsets], [Range<Int>])
        do { decoded = try decodeWithPositions(bytes) } catch { throw .binary(error) }
        let (m, offsets, ranges) = decoded
        guard config.isActive else { return (m, []) }
        var formats: [CustomFormat] = []
        for (i, c) in m.customs.enumerated() {
            let range = i < ranges.count ? ranges[i] : 0..<0
            let region = SourceRegion(file: name, left: .offset(range.lowerBound), right: .offset(range.upperBound))
            do {
                if let f = try CustomFormat.decode(c, region: region, module: m, offsets: offsets, config: config) {
                    formats.append(f)
                }
            } catch {
                throw .custom(error)
            }
        }
        return (m, formats)
    }

    /// Encodes the module with the given custom sections, each in its handler's binary
    /// form and placed as the reference's encoder places them. `customs` of the module
    /// itself are not written.
    public func encode(withCustom formats: [CustomFormat]) -> [UInt8] {
        var plain = self
        plain.customs = []
        // The reference keeps locals one by one and writes runs of equal types: runs of
        // none disappear and neighbouring runs of one type merge.
        for i in plain.funcs.indices {
            var runs: [Locals] = []
            for l in plain.funcs[i].locals where l.count > 0 {
                if let last = runs.last, last.type == l.type, UInt64(last.count) + UInt64(l.count) <= UInt64(UInt32.max) {
                    runs[runs.count - 1].count += l.count
                } else {
                    runs.append(l)
                }
            }
            plain.funcs[i].locals = runs
        }
        let sections = formats.map { $0.customSection(for: plain) }
        var w = BinaryWriter()
        w.encodeModule(plain, inOrder: sections)
        return w.bytes
    }

    /// Encodes the module as the reference's encoder does without custom sections.
    public func encodePlain() -> [UInt8] {
        encode(withCustom: [])
    }

    /// Checks the custom sections against the module, in order (after validation, as
    /// `check_module_with_custom` does).
    public func checkCustom(_ formats: [CustomFormat], config: CustomConfig) throws(CustomError) {
        for f in formats {
            switch f {
            case .raw(let c, let region):
                // The `custom` handler checks a section some other handler understands
                // as that handler would.
                guard config.handler(for: c.name) != nil || config.rejectUnknown else { continue }
                let inner = try CustomFormat.decodeContent(c, region: region, module: self, config: config)
                if let inner { try inner.check(self) }
            case .names(let n): try n.check(self)
            case .branchHints(let h): try h.check(self)
            }
        }
    }
}

extension CustomFormat {
    /// A custom section in the form of the handler that takes it (`decode_custom`), or
    /// nil when none does and unknown sections are not rejected.
    static func decode(
        _ c: CustomSection, region: SourceRegion, module m: Module, offsets: [CodeOffsets], config: CustomConfig
    ) throws(CustomError) -> CustomFormat? {
        if let h = config.handler(for: c.name), h != .custom {
            return try decodeContent(c, region: region, module: m, offsets: offsets, config: config)
        }
        if config.handlers.contains(.custom) {
            // The `custom` handler keeps the bytes, after decoding them with the
            // handler of their name, if any, to reject what that handler rejects.
            _ = try decodeContent(c, region: region, module: m, offsets: offsets, config: config)
            return .raw(c, region)
        }
        if config.rejectUnknown {
            throw CustomError(.decoding, region, "unknown custom section \"\(c.name)\"")
        }
        return nil
    }

    /// The section decoded by the handler registered under its own name (`decode_content`),
    /// for a module whose instruction offsets are those of its plain encoding; nil when
    /// there is none (an error under `rejectUnknown`).
    public static func decodeContent(
        _ c: CustomSection, region: SourceRegion, module m: Module, config: CustomConfig
    ) throws(CustomError) -> CustomFormat? {
        var offsets: [CodeOffsets] = []
        if config.handler(for: c.name) == .branchHint {
            offsets = (try? Module.decodeWithOffsets(m.encodePlain()))?.1 ?? []
        }
        return try decodeContent(c, region: region, module: m, offsets: offsets, config: config)
    }

    /// The section decoded by the handler registered under its own name; nil when there
    /// is none (an error under `rejectUnknown`). The `custom` handler's own name
    /// leaves the bytes as they are.
    static func decodeContent(
        _ c: CustomSection, region: SourceRegion, module m: Module, offsets: [CodeOffsets], config: CustomConfig
    ) throws(CustomError) -> CustomFormat? {
        switch config.handler(for: c.name) {
        case .name?:
            return .names(try NameSection.decode(c.content, region: region))
        case .branchHint?:
            return .branchHints(try BranchHintSection.decode(c.content, module: m, offsets: offsets, region: region))
        case .custom?:
            return .raw(c, region)
        case nil:
            if config.rejectUnknown {
                throw CustomError(.decoding, region, "unknown custom section \"\(c.name)\"")
            }
            return nil
        }
    }

    /// The section's binary form, placed where its handler places it.
    public func customSection(for m: Module) -> CustomSection {
        switch self {
        case .raw(let c, _): c
        case .names(let n): n.customSection()
        case .branchHints(let h): h.customSection(for: m)
        }
    }

    /// Checks the section against the module.
    public func check(_ m: Module) throws(CustomError) {
        switch self {
        case .raw: break
        case .names(let n): try n.check(m)
        case .branchHints(let h): try h.check(m)
        }
    }
}
