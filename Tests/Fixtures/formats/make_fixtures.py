"""Writes the small .npy/.npz files that FormatsTests read, with numpy as the reference writer.

Run once from this directory (python3 make_fixtures.py); the outputs are committed. Every array
is a simple formula that the Swift tests recompute, so the tests check values, not just shapes.
"""
import io
import numpy as np

rows = (np.arange(6, dtype=np.float64) * 0.5 - 1.0).reshape(2, 3)       # [[-1, -0.5, 0], [0.5, 1, 1.5]]
cube = np.arange(24, dtype=np.float32).reshape(2, 3, 4) / 8.0         # value = flat C index / 8
special = np.array([np.nan, np.inf, -np.inf, -0.0, 1e-45, 3.4028235e38], dtype=np.float32)

np.save("f4_rows.npy", rows.astype(np.float32))
np.save("f8_rows.npy", rows)
np.save("i8_vector.npy", np.array([-(2**40), -1, 0, 7, 2**62], dtype=np.int64))
np.save("i4_matrix.npy", (np.arange(6, dtype=np.int32) - 3).reshape(3, 2))
np.save("u1_vector.npy", np.array([0, 1, 254, 255], dtype=np.uint8))
np.save("b1_matrix.npy", np.array([[True, False, True], [False, False, True]]))
np.save("f8_scalar.npy", np.float64(2.5))
np.save("f4_empty.npy", np.zeros((0, 3), dtype=np.float32))
np.save("f4_special.npy", special)
np.save("f4_cube_fortran.npy", np.asfortranarray(cube))                 # fortran_order: True
np.save("f8_rows_big_endian.npy", rows.astype(">f8"))
np.save("f4_cube_big_endian.npy", cube.astype(">f4"))
np.save("i8_vector_big_endian.npy", np.array([-(2**40), -1, 0, 7, 2**62], dtype=">i8"))
for version in [(2, 0), (3, 0)]:
    with open(f"f4_rows_v{version[0]}.npy", "wb") as file:
        np.lib.format.write_array(file, rows.astype(np.float32), version=version)

np.savez("stored.npz", rows=rows.astype(np.float32), ids=np.array([3, 1, 4, 1, 5], dtype=np.int64),
         mask=np.array([True, False]))
np.savez_compressed("deflated.npz", rows=rows, cube=cube, ids=np.arange(100, dtype=np.int32))
