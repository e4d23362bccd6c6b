// libFuzzer target `decode` (FuzzTarget.decode in FuzzTargets/Targets.swift).

import FuzzMain
import FuzzTargets

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTarget.decode.run(bytes(data, size))
    return 0
}

@_cdecl("FuzzDecode_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, testOneInput)
}
