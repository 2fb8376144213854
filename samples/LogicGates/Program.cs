using System;
using NetGen.Samples;
using NetGen.Samples.LogicGates;

// Usage: LogicGates [--epochs N]
return SampleHost.Run(args, """
    Trains XOR and XNOR networks on their truth tables.

    Usage: LogicGates [--epochs N]
      --epochs N   full-batch steps per gate (default 300)
    """,
    options => LogicGatesSample.Run(Console.Out, options.Epochs),
    acceptsData: false);
