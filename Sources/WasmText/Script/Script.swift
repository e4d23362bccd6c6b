// The abstract syntax of `.wast` scripts: the command language of the reference
// interpreter's test suite (WebAssembly/spec, interpreter/README.md, "Scripts").

import WasmBinary

/// A position in a source text, 1-based.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line).\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}

/// How a script writes a module.
public enum ModuleSource: Hashable, Sendable {
    /// `(module ...)` in the text format, already parsed.
    case text(Module)
    /// `(module binary "...")`: the bytes, still to be decoded.
    case binary([UInt8])
    /// `(module quote "...")`: text-format source, still to be parsed.
    case quote([UInt8])
}

/// A module written in a script, with its optional name.
public struct ScriptModule: Hashable, Sendable {
    /// The module's identifier without its `$` (`$M` and `$"M"` are both `"M"`), as the
    /// reference's runner names modules. Identifiers of instances and scripts in
    /// commands are kept the same way. In `assert_unlinkable` and `assert_trap` the
    /// reference defines the module without this name.
    public var id: String?
    /// `(module definition ...)` defines without instantiating.
    public var isDefinition: Bool
    public var source: ModuleSource
    /// Where `(module` is.
    public var location: SourceLocation
    /// Just after the closing parenthesis.
    public var end: SourceLocation
    /// Where the `binary` or `quote` keyword is: the reference positions the errors of
    /// a quoted module's text relative to it.
    public var bodyLocation: SourceLocation
    /// The custom sections a text module's annotations define, as the handlers
    /// registered when it was parsed read them.
    public var customs: [CustomFormat]
    /// The name a binary module goes by in messages when it was not written in the
    /// script (a `.wasm` file read by `input`); otherwise `binary:line.column`.
    public var binaryName: String? = nil
    /// For a text module, where each of its imports is written (from the opening
    /// parenthesis of its field to just after the closing one), for the positions of
    /// link failures.
    public var importSpans: [(start: SourceLocation, end: SourceLocation)] = []
    /// For a text module, where it is in the source it was parsed from, in bytes.
    public var sourceRange: Range<Int>? = nil
    /// Where the module's identifier is written, if it has one.
    public var idSpan: (start: SourceLocation, end: SourceLocation)? = nil

    public init(
        id: String?, isDefinition: Bool, source: ModuleSource, location: SourceLocation,
        end: SourceLocation? = nil, customs: [CustomFormat] = []
    ) {
        self.id = id
        self.isDefinition = isDefinition
        self.source = source
        self.location = location
        self.end = end ?? location
        self.bodyLocation = location
        self.customs = customs
    }

    /// Positions other than where the module starts do not take part in comparisons.
    public static func == (a: ScriptModule, b: ScriptModule) -> Bool {
        a.id == b.id && a.isDefinition == b.isDefinition && a.source == b.source && a.location == b.location
            && a.customs == b.customs
    }

    public func hash(into h: inout Hasher) {
        h.combine(id)
        h.combine(isDefinition)
        h.combine(source)
        h.combine(location)
    }
}

/// A constant value written in a script (`(i32.const 1)`, `(ref.null func)`, ...).
public enum ScriptValue: Hashable, Sendable {
    case i32(UInt32)
    case i64(UInt64)
    case f32(UInt32)
    case f64(UInt64)
    case v128(V128)
    case refNull(HeapType)
    /// `(ref.host n)`: a host reference.
    case refHost(UInt32)
    /// `(ref.extern n)`: a host reference converted to `externref`.
    case refExtern(UInt32)
}

/// Things a script does to instances.
public enum Action: Hashable, Sendable {
    /// `(invoke $instance? "name" value*)`
    case invoke(instance: String?, name: String, args: [ScriptValue])
    /// `(get $instance? "name")`
    case get(instance: String?, name: String)
}

/// The two NaN patterns of results (§4.3.3 via the script language).
public enum NaNPattern: Hashable, Sendable {
    /// `nan:canonical`: a NaN whose payload is exactly the canonical one, either sign.
    case canonical
    /// `nan:arithmetic`: a NaN with the payload's top bit set, either sign.
    case arithmetic
}

/// A pattern for a number, or for one lane of a vector.
public enum NumPattern: Hashable, Sendable {
    case i32(UInt32)
    case i64(UInt64)
    case f32(UInt32)
    case f64(UInt64)
    /// A NaN pattern for `f32` or `f64`.
    case nan(NumType, NaNPattern)
}

/// Shapes of vector lanes.
public enum VecShape: UInt8, Hashable, Sendable {
    case i8x16, i16x8, i32x4, i64x2, f32x4, f64x2

    public var lanes: Int {
        switch self {
        case .i8x16: 16
        case .i16x8: 8
        case .i32x4, .f32x4: 4
        case .i64x2, .f64x2: 2
        }
    }
}

/// A pattern for a reference result.
public enum RefPattern: Hashable, Sendable {
    /// `(ref.null)`: any null reference.
    case anyNull
    /// `(ref.null ht)`: a null reference of that heap type.
    case null(HeapType)
    /// `(ref.host n)`
    case host(UInt32)
    /// `(ref.extern n)`
    case extern(UInt32)
    /// `(ref)`, `(ref.eq)`, `(ref.i31)`, `(ref.struct)`, `(ref.array)`, `(ref.func)`,
    /// `(ref.exn)`, `(ref.extern)`: any non-null reference of that heap type.
    case type(HeapType)
}

/// A pattern for one result of an action.
public indirect enum ResultPattern: Hashable, Sendable {
    case num(NumPattern)
    /// One pattern per lane, as many as the shape has lanes; integer lanes hold the
    /// lane's bits in `.i32` (for i8, i16 and i32 lanes) or `.i64`. The bits of i8 and
    /// i16 lanes are zero-extended: `-1` in an `i8x16` pattern is `.i32(0xFF)`.
    case vec(VecShape, [NumPattern])
    case ref(RefPattern)
    /// `(either p1 p2 ...)`: any one of them.
    case either([ResultPattern])
}

/// A module to instantiate in an assertion: written in place, or named.
public enum InstanceSource: Hashable, Sendable {
    case module(ScriptModule)
    /// `(module instance $instance? $module?)`
    case instance(instance: String?, module: String?)
}

/// Assertions.
public enum Assertion: Hashable, Sendable {
    case malformed(ScriptModule, String)
    case invalid(ScriptModule, String)
    case malformedCustom(ScriptModule, String)
    case invalidCustom(ScriptModule, String)
    case unlinkable(InstanceSource, String)
    /// `assert_trap` on a module: instantiation traps (in a segment or the start function).
    case uninstantiable(InstanceSource, String)
    case returns(Action, [ResultPattern])
    case trap(Action, String)
    case exhaustion(Action, String)
    case exception(Action)

    /// The module the assertion writes in place, if any (the actions' modules are
    /// named, not written).
    public var module: ScriptModule? {
        switch self {
        case .malformed(let m, _), .invalid(let m, _), .malformedCustom(let m, _), .invalidCustom(let m, _):
            m
        case .unlinkable(.module(let m), _), .uninstantiable(.module(let m), _):
            m
        case .unlinkable, .uninstantiable, .returns, .trap, .exhaustion, .exception:
            nil
        }
    }
}

/// The commands of a script.
public indirect enum Command: Hashable, Sendable {
    /// `(module ...)` defines the module and, unless it is a definition, instantiates it.
    case module(ScriptModule)
    /// `(module instance $instance? $module?)`
    case instance(instance: String?, module: String?)
    /// `(register "name" $instance?)`
    case register(name: String, instance: String?)
    case action(Action)
    case assertion(Assertion)
    /// `(script $id? command*)`
    case script(id: String?, [ScriptCommand])
    /// `(input $id? "file")`
    case input(id: String?, file: String)
    /// `(output $id? "file"?)`
    case output(id: String?, file: String?)
}

/// A command with where it was written.
public struct ScriptCommand: Hashable, Sendable {
    public var command: Command
    /// Where the command starts.
    public var location: SourceLocation
    /// Just after the command's closing parenthesis.
    public var end: SourceLocation
    /// For `(module instance $id ...)`, where the identifier is written.
    public var idSpan: (start: SourceLocation, end: SourceLocation)? = nil
    /// For an action or an assertion about one, where the action is written.
    public var actionSpan: (start: SourceLocation, end: SourceLocation)? = nil

    public init(_ command: Command, at location: SourceLocation, end: SourceLocation? = nil) {
        self.command = command
        self.location = location
        self.end = end ?? location
    }

    /// Where a command ends does not take part in comparisons.
    public static func == (a: ScriptCommand, b: ScriptCommand) -> Bool {
        a.command == b.command && a.location == b.location
    }

    public func hash(into h: inout Hasher) {
        h.combine(command)
        h.combine(location)
    }
}

/// A parsed `.wast` script.
public typealias Script = [ScriptCommand]
