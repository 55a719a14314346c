/// Formats: readers and writers for the files mindscope touches — safetensors (memory-mapped),
/// .npy/.npz, CSV, JSON, NIfTI-1 and BIDS event tables. Every reader turns malformed input into a
/// thrown `FormatError` naming the file and what is wrong; every writer is atomic (temp + rename).

// Readers and writers move multi-byte values to and from files without swapping them, relying
// on the host being little-endian like every file format here (and every platform Swift runs on
// today); the byte-order conversions that remain are explicit for big-endian .npy data.
#if !_endian(little)
#error("Formats assumes a little-endian host")
#endif
