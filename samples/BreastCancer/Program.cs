using System;
using NetGen.Samples;
using NetGen.Samples.BreastCancer;

// The README's main job:  dotnet run --project samples/BreastCancer -c Release
return SampleHost.Run(args, """
    Trains CancerNet (30 → 16 → 8 → 1) to diagnose breast masses from the Breast Cancer Wisconsin data.

    Usage: BreastCancer [--data FILE] [--epochs N] [--curve FILE.png]
      --data FILE   the CSV file (default: data/breast_cancer.csv next to the program)
      --epochs N    most epochs to train (default 200; training stops when the validation loss has
                    not improved for 10 epochs)
      --curve FILE  write the training curve (loss and accuracy per epoch) as a PNG image
    Exit codes: 0 success, 1 invalid arguments, 2 data missing or malformed.
    """,
    options => BreastCancerSample.Run(options.DataPath, Console.Out, options.Epochs, options.Display));
