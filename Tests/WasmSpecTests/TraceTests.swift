import Synchronization
import Testing
import WasmBinary
import WasmSpec

/// The step observer of the reference engine: one event per reduction step, with what
/// the step took and left.
@Suite struct TraceTests {
    /// Collects events under the store's lock.
    final class Events: Sendable {
        let list = Mutex<[StepEvent]>([])
        var observer: StepObserver { { e in self.list.withLock { $0.append(e) } } }
    }

    @Test func everyStepIsObservedWithItsValues() throws {
        let events = Events()
        let instance = try instantiate(
            text: "(module (func (export \"f\") (result i32) (i32.add (i32.const 1) (i32.const 2))))",
            observer: events.observer)
        #expect(try interpret(instance, "f") == [.i32(3)])
        let steps = events.list.withLock { $0 }
        // Two constants, the addition, leaving the body's label, leaving the frame.
        #expect(steps.map(\.instruction) == [.i32Const(1), .i32Const(2), .numeric(.i32Add), .end, .return])
        #expect(steps[2].consumed == [.i32(1), .i32(2)])
        #expect(steps[2].produced == [.i32(3)])
        #expect(steps[2].rule == "binop")
        #expect(steps.map(\.frames) == [1, 1, 1, 1, 0])
        #expect(steps.map(\.labels) == [1, 1, 1, 0, 0])
        #expect(steps[4].rule == "frame-vals")
    }

    /// A branch is one step however deep the label it leaves.
    @Test func aBranchIsOneStep() throws {
        let events = Events()
        let depth = 50
        let body = String(repeating: "(block ", count: depth) + "(br \(depth - 1))" + String(repeating: ")", count: depth)
        let instance = try instantiate(text: "(module (func (export \"f\") \(body)))", observer: events.observer)
        _ = try interpret(instance, "f")
        let steps = events.list.withLock { $0 }
        // The blocks entered, the branch, leaving the body's label and the frame.
        #expect(steps.count == depth + 3)
        #expect(steps[depth].instruction == .br(UInt32(depth - 1)))
        #expect(steps[depth].labels == 1)
    }

    /// The compiled engine has no reduction steps to show.
    @Test func theCompiledEngineReportsNoSteps() throws {
        let events = Events()
        let instance = try instantiate(
            text: "(module (func (export \"f\") (result i32) (i32.const 7)))",
            limits: ExecutionLimits(engine: .compiled), observer: events.observer)
        #expect(try interpret(instance, "f") == [.i32(7)])
        #expect(events.list.withLock { $0.isEmpty })
    }

    @Test func instructionsPrintAsTheirTextFormHeads() {
        #expect(Instruction.numeric(.i32Add).text == "i32.add")
        #expect(Instruction.localGet(3).text == "local.get 3")
        #expect(Instruction.block(.value(.i32)).text == "block (result i32)")
        #expect(Instruction.if(.empty).text == "if")
        #expect(Instruction.end.text == "end")
        #expect(Instruction.load(.i32Load, MemArg(align: 2, offset: 4)).text == "i32.load 0 offset=4")
        #expect(Instruction.tryTable(.empty, [.catchAll(label: 0)]).text == "try_table (catch_all 0)")
    }
}
