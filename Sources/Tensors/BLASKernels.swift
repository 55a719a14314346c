import Foundation
import COpenBLAS

/// Choice of OpenBLAS's compute kernels.
///
/// Debian's OpenBLAS picks its kernels from the CPU model at load time; in virtual machines that
/// hide the model it falls back to "Prescott" (SSE3), about 5× slower than the AVX-512 kernels
/// the CPU supports. The choice can only be made through `OPENBLAS_CORETYPE` before the library
/// loads, so executables call `relaunchWithBestKernelsIfNeeded()` first thing in `main`.
public enum BLASKernels {
    /// The kernel family OpenBLAS is using, e.g. "SkylakeX", "Haswell", "Prescott".
    public static var coreName: String { String(cString: openblas_get_corename()) }

    /// The best kernel family this CPU supports, from its feature flags (nil when unknown).
    public static func bestCoreForThisCPU(cpuinfo: String? = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) -> String? {
        guard let flagsLine = cpuinfo?.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return nil }
        let flags = Set(flagsLine.split(separator: " ").map(String.init))
        if flags.isSuperset(of: ["avx512f", "avx512bw", "avx512vl", "avx512dq"]) { return "SkylakeX" }
        if flags.isSuperset(of: ["avx2", "fma"]) { return "Haswell" }
        if flags.contains("avx") { return "Sandybridge" }
        return nil
    }

    /// Re-executes this program with `OPENBLAS_CORETYPE` set when OpenBLAS chose the generic
    /// fallback kernels although the CPU supports better ones. Returns normally otherwise
    /// (already relaunched, variable set by the user, or nothing better available).
    public static func relaunchWithBestKernelsIfNeeded() {
        let environment = ProcessInfo.processInfo.environment
        guard environment["OPENBLAS_CORETYPE"] == nil, environment["MINDSCOPE_BLAS_RELAUNCHED"] == nil,
              let best = bestCoreForThisCPU(), coreName == "Prescott" || coreName == "Core2" || coreName == "Nehalem"
        else { return }
        setenv("OPENBLAS_CORETYPE", best, 1)
        setenv("MINDSCOPE_BLAS_RELAUNCHED", "1", 1)
        let arguments = CommandLine.arguments.map { strdup($0) } + [nil]
        execv("/proc/self/exe", arguments)
        // execv only returns on failure: carry on with the slower kernels.
    }
}
