"""Files: the `bdfile://` sandbox, the FileSystemManager and saved files, and swan storage on
disk, all written atomically."""
