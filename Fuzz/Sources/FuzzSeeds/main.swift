// Writes the seed corpora of the fuzz targets (Fuzz/seeds.sh runs it):
//
//     FuzzSeeds OUT-DIRECTORY SCRIPT-OR-FOLDER...
//
// Every `.wast` script found is read; OUT-DIRECTORY/<target>/ gets the target's seeds
// and OUT-DIRECTORY/wat.dict the dictionary of the text targets.

import Foundation
import FuzzTargets
import WasmSpec

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 2 else {
    print("usage: FuzzSeeds OUT-DIRECTORY SCRIPT-OR-FOLDER...")
    exit(2)
}
switch SuiteRunner.scriptFiles(Array(arguments.dropFirst())) {
case .failure(let error):
    print("cannot read \(error.path)")
    exit(1)
case .success(let files):
    do {
        let counts = try SeedCorpus.write(scripts: files.map(\.path), to: arguments[0])
        for (target, n) in counts { print("\(target): \(n) seeds") }
    } catch {
        print("cannot write the seeds: \(error)")
        exit(1)
    }
}
