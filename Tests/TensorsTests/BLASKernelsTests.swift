import Testing
import Tensors

@Suite("OpenBLAS kernel choice")
struct BLASKernelsTests {
    @Test func bestCoreFromCPUFlags() {
        let avx512 = "processor\t: 0\nflags\t\t: fpu sse2 avx avx2 fma avx512f avx512dq avx512bw avx512vl\n"
        let avx2 = "flags\t\t: fpu sse2 avx avx2 fma\n"
        let old = "flags\t\t: fpu sse2 sse3\n"
        #expect(BLASKernels.bestCoreForThisCPU(cpuinfo: avx512) == "SkylakeX")
        #expect(BLASKernels.bestCoreForThisCPU(cpuinfo: avx2) == "Haswell")
        #expect(BLASKernels.bestCoreForThisCPU(cpuinfo: old) == nil)
        #expect(BLASKernels.bestCoreForThisCPU(cpuinfo: nil) == nil)
    }

    @Test func openBLASReportsACoreName() {
        #expect(!BLASKernels.coreName.isEmpty)
    }
}
