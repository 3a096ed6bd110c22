"""The runtime: `SwanRuntime`'s public methods, the driver that runs JS turns until idle, the
event loop (timers, host events), the API registry, and the records of what a run did."""
