"""Writes small NIfTI-1 files byte by byte (with struct, independently of mindscope's writer) for
Tests/FormatsTests/NIfTITests.swift, and expected.json with the values a reader must return.

Every image is 2×3×2 voxels × 3 volumes; voxel (x, y, z) of volume t stores x + 2y + 6z + 12t
(0…35, so it fits every datatype), plus 0.25 for float types. Files:
  <type>_<le|be>.nii       uint8 int16 int32 float32 float64 in both byte orders, TR 2 s
  int16_scaled_le.nii      scl_slope 0.5, scl_inter -3 (values = 0.5·raw − 3)
  float32_ms_be.nii.gz     gzip-compressed, big-endian, pixdim[4] = 1500 with xyzt_units = ms
  uint8_3d_le.nii          a 3-D label image (one volume), vox_offset 400 with extension bytes
Usage: python3 Tests/Fixtures/nifti/make_fixtures.py
"""
import gzip
import json
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
TYPES = {"uint8": (2, 8, "B"), "int16": (4, 16, "h"), "int32": (8, 32, "i"), "float32": (16, 32, "f"), "float64": (64, 64, "d")}
NX, NY, NZ, NT = 2, 3, 2, 3


def raw_values(volumes, is_float):
    values = []
    for t in range(volumes):
        for z in range(NZ):
            for y in range(NY):
                for x in range(NX):
                    v = x + 2 * y + 6 * z + 12 * t
                    values.append(v + 0.25 if is_float else v)
    return values


def header(order, dims, code, bitpix, pixdim, vox_offset=352.0, slope=0.0, inter=0.0, units=10):
    h = bytearray(348)
    struct.pack_into(order + "i", h, 0, 348)
    dim = [len(dims)] + list(dims) + [1] * (7 - len(dims))
    struct.pack_into(order + "8h", h, 40, *dim)
    struct.pack_into(order + "hh", h, 70, code, bitpix)
    pix = [1.0] + list(pixdim) + [0.0] * (7 - len(pixdim))
    struct.pack_into(order + "8f", h, 76, *pix)
    struct.pack_into(order + "3f", h, 108, vox_offset, slope, inter)
    h[123] = units
    h[148:148 + 17] = b"mindscope fixture"
    h[344:348] = b"n+1\x00"
    return bytes(h)


def image(order, type_name, dims, pixdim, vox_offset=352, slope=0.0, inter=0.0, units=10):
    code, bitpix, fmt = TYPES[type_name]
    volumes = dims[3] if len(dims) > 3 else 1
    values = raw_values(volumes, type_name.startswith("float"))
    body = struct.pack(order + str(len(values)) + fmt, *values)
    head = header(order, dims, code, bitpix, pixdim, float(vox_offset), slope, inter, units)
    return head + b"\x00" * (vox_offset - 348) + body, values


def main():
    expected = {}
    for type_name in TYPES:
        for order, tag in (("<", "le"), (">", "be")):
            data, values = image(order, type_name, (NX, NY, NZ, NT), (2.0, 2.0, 2.5, 2.0))
            name = f"{type_name}_{tag}.nii"
            open(os.path.join(HERE, name), "wb").write(data)
            expected[name] = {"dims": [NX, NY, NZ, NT], "tr": 2.0, "values": values, "big_endian": tag == "be"}
    data, raw = image("<", "int16", (NX, NY, NZ, NT), (2.0, 2.0, 2.5, 2.0), slope=0.5, inter=-3.0)
    open(os.path.join(HERE, "int16_scaled_le.nii"), "wb").write(data)
    expected["int16_scaled_le.nii"] = {"dims": [NX, NY, NZ, NT], "tr": 2.0, "values": [0.5 * v - 3 for v in raw], "big_endian": False}
    data, values = image(">", "float32", (NX, NY, NZ, NT), (2.0, 2.0, 2.5, 1500.0), units=2 | 16)
    open(os.path.join(HERE, "float32_ms_be.nii.gz"), "wb").write(gzip.compress(data, mtime=0))
    expected["float32_ms_be.nii.gz"] = {"dims": [NX, NY, NZ, NT], "tr": 1.5, "values": values, "big_endian": True}
    data, values = image("<", "uint8", (NX, NY, NZ), (2.0, 2.0, 2.5), vox_offset=400)
    open(os.path.join(HERE, "uint8_3d_le.nii"), "wb").write(data)
    expected["uint8_3d_le.nii"] = {"dims": [NX, NY, NZ], "tr": None, "values": values, "big_endian": False}
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)


if __name__ == "__main__":
    main()
