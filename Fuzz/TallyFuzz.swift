// libFuzzer entry point for the ballot-box reader (built by scripts/fuzz-tally.sh with -sanitize=fuzzer,address).
// Any input must either count or give an input error with a path; a crash or sanitizer report is a bug.

@_cdecl("LLVMFuzzerTestOneInput")
public func tallyFuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let result = try BallotBoxReader.tally { MemoryByteSource(bytes) }
        _ = result.json()
        _ = result.table(in: .zhHans)
    } catch {
        precondition(!error.path.isEmpty)
        _ = error.message(in: .en)
    }
    return 0
}
