/// Formats: readers and writers for the files mindscope touches — safetensors (memory-mapped),
/// .npy/.npz, CSV, JSON, NIfTI-1 and BIDS event tables. Every reader turns malformed input into a
/// thrown `FormatError` naming the file and what is wrong; every writer is atomic (temp + rename).
