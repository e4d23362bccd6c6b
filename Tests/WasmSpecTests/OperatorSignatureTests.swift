import Testing
import WasmBinary

@testable import WasmSpec

/// The validator's operator tables are built once for all modules: that holds only while
/// no operator's signature names a reference type (whose ids differ per module).
@Suite struct OperatorSignatureTests {
    @Test func operatorsTakeAndGiveOnlyNumbersAndVectors() {
        func numeric(_ s: OperatorSignature) -> Bool {
            (s.params + (s.result.map { [$0] } ?? [])).allSatisfy {
                if case .ref = $0 { return false }
                return $0 != .bot
            }
        }
        #expect(NumericOp.allCases.allSatisfy { numeric($0.signature) })
        #expect(VectorOp.allCases.allSatisfy { numeric($0.signature) })
        #expect(LaneOp.allCases.allSatisfy { numeric($0.signature) })
        #expect(LoadOp.allCases.allSatisfy { numeric($0.signature) })
        #expect(StoreOp.allCases.allSatisfy { numeric($0.signature) })
    }
}
