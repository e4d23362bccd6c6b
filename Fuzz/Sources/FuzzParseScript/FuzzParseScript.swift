// libFuzzer target `parseScript` (FuzzTarget.parseScript in FuzzTargets/Targets.swift).

import FuzzMain
import FuzzTargets

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTarget.parseScript.run(bytes(data, size))
    return 0
}

@_cdecl("FuzzParseScript_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, testOneInput)
}
