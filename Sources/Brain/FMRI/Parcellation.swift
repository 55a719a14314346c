import Foundation
import Formats
import Tensors

/// Reduces voxels to targets: a brain mask (each voxel inside is a target), a 3-D label atlas (the
/// mean of each label's voxels) or 4-D probabilistic maps such as DiFuMo (the weighted average of
/// voxels with each map's weights). Shapes: BOLD [T, V] → targets [T, P].
public struct Parcellation: Sendable {
    /// How voxels are combined.
    public enum Kind: Sendable, Equatable {
        /// Voxels where the mask is non-zero, each its own target.
        case mask
        /// Integer labels > 0; one target per label, ascending.
        case labels
        /// Non-negative weights, one map per volume of the atlas.
        case maps
    }

    /// The kind.
    public let kind: Kind
    /// Spatial shape (nx, ny, nz) the atlas was made for.
    public let spatialShape: [Int]
    /// Target names: voxel indices, label values or map numbers.
    public let targetNames: [String]
    /// Voxels used by any target (ascending).
    let voxels: [Int]
    /// Weights [P, voxels.count], rows normalised to sum 1 (empty for a mask).
    let weights: Tensor

    /// An atlas from a NIfTI image: `.mask` and `.labels` need one volume, `.maps` one volume per map.
    /// - Throws: `BrainError.fmri` for an empty mask or atlas, non-integer labels, or negative weights.
    public init(image: NIfTIImage, kind: Kind) throws {
        self.kind = kind
        self.spatialShape = image.spatialShape
        let v = image.voxelCount
        let values = image.values
        switch kind {
        case .mask, .labels:
            guard image.volumeCount == 1 else { throw BrainError.fmri("a \(kind == .mask ? "mask" : "label atlas") must be a 3-D image, this one has \(image.volumeCount) volumes") }
            let data = values.scalars
            let inside = (0..<v).filter { data[$0] != 0 && !data[$0].isNaN }
            guard !inside.isEmpty else { throw BrainError.fmri("the \(kind == .mask ? "mask" : "atlas") selects no voxel") }
            if kind == .mask {
                voxels = inside
                targetNames = inside.map { "v\($0)" }
                weights = Tensor(zeros: [0, inside.count])  // unused: each voxel is its own target
            } else {
                guard let bad = inside.first(where: { data[$0] != data[$0].rounded() || data[$0] < 0 }) else {
                    let labels = Array(Set(inside.map { Int(data[$0]) })).sorted()
                    let row = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
                    let counts = inside.reduce(into: [Int: Int]()) { $0[Int(data[$1]), default: 0] += 1 }
                    voxels = inside
                    targetNames = labels.map { "label \($0)" }
                    weights = Tensor(shape: [labels.count, inside.count]) { w in
                        w.initialize(repeating: 0)
                        for (column, voxel) in inside.enumerated() {
                            let label = Int(data[voxel])
                            w[row[label]! * inside.count + column] = 1 / Float(counts[label]!)
                        }
                    }
                    return
                }
                throw BrainError.fmri("label atlas voxel \(bad) holds \(data[bad]); labels must be non-negative integers")
            }
        case .maps:
            let p = image.volumeCount
            var used = Set<Int>()
            try values.withUnsafeBufferPointer { w in
                for i in 0..<(p * v) {
                    guard w[i] >= 0 || w[i].isNaN else { throw BrainError.fmri("probabilistic map \(i / v + 1) has a negative weight at voxel \(i % v)") }
                    if w[i] > 0 { used.insert(i % v) }
                }
            }
            guard !used.isEmpty else { throw BrainError.fmri("the probabilistic maps have no positive weight") }
            let columns = used.sorted()
            voxels = columns
            targetNames = (1...p).map { "map \($0)" }
            weights = Tensor(shape: [p, columns.count]) { out in
                values.withUnsafeBufferPointer { w in
                    for map in 0..<p {
                        let total = columns.reduce(Float(0)) { $0 + (w[map * v + $1].isNaN ? 0 : w[map * v + $1]) }
                        for (c, voxel) in columns.enumerated() {
                            let weight = w[map * v + voxel]
                            out[map * columns.count + c] = total > 0 && !weight.isNaN ? weight / total : (total > 0 ? 0 : .nan)
                        }
                    }
                }
            }
        }
    }

    /// Number of targets P.
    public var targetCount: Int { targetNames.count }

    /// The columns of a [T, V] BOLD matrix at the atlas's voxels, [T, voxels.count].
    func selectVoxels(_ bold: Tensor) -> Tensor {
        let (t, v) = (bold.shape[0], bold.shape[1])
        return Tensor(shape: [t, voxels.count]) { out in
            bold.withUnsafeBufferPointer { source in
                for row in 0..<t { for (c, voxel) in voxels.enumerated() { out[row * voxels.count + c] = source[row * v + voxel] } }
            }
        }
    }

    /// Targets of voxel data already restricted to the atlas's voxels ([T, voxels.count] → [T, P]).
    /// - Complexity: one product, O(T · voxels · P).
    func reduce(selected: Tensor) -> Tensor {
        kind == .mask ? selected : matmul(selected, weights, transposeB: true)
    }

    /// Checks that a BOLD image has the atlas's spatial shape.
    func checkShape(_ image: NIfTIImage, name: String) throws {
        guard image.spatialShape == spatialShape else {
            throw BrainError.fmri("\(name): spatial shape \(image.spatialShape) differs from the atlas's \(spatialShape); resample one onto the other first")
        }
    }
}
