using System;
using NetGen.Samples;
using NetGen.Samples.Digits;

// Run:  dotnet run --project samples/Digits -c Release
return SampleHost.Run(args, """
    Trains DigitsNet (64 → 64 → 10, softmax) to recognise 8 × 8 handwritten digits.

    Usage: Digits [--data FILE] [--epochs N]
      --data FILE   the CSV file, optionally gzip-compressed (default: data/digits.csv.gz next to the program)
      --epochs N    epochs to train (default 30)
    Exit codes: 0 success, 1 invalid arguments, 2 data missing or malformed.
    """,
    options => DigitsSample.Run(options.DataPath, Console.Out, options.Epochs));
