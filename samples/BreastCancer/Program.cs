using System;
using NetGen.Samples;
using NetGen.Samples.BreastCancer;

// The README's main job:  dotnet run --project samples/BreastCancer -c Release
return SampleHost.Run(args, """
    Trains CancerNet (30 → 16 → 8 → 1) to diagnose breast masses from the Breast Cancer Wisconsin data.

    Usage: BreastCancer [--data FILE] [--epochs N]
      --data FILE   the CSV file (default: data/breast_cancer.csv next to the program)
      --epochs N    epochs to train (default 50)
    Exit codes: 0 success, 1 invalid arguments, 2 data missing or malformed.
    """,
    options => BreastCancerSample.Run(options.DataPath, Console.Out, options.Epochs));
