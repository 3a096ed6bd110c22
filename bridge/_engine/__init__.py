"""The engine: one QuickJS-NG context with the shim loaded, the native hooks the wrapper lacks
(interrupts, promise rejections, bytecode), and the on-disk bytecode cache."""
