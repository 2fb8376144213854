using System;
using NetGen.Samples;
using NetGen.Samples.Digits;

// Run:  dotnet run --project samples/Digits -c Release
return SampleHost.Run(args, """
    Trains DigitsNet (64 → 64 → 10, softmax) to recognise 8 × 8 handwritten digits.

    Usage: Digits [--data FILE] [--epochs N] [--curve FILE.png]
      --data FILE   the CSV file, optionally gzip-compressed (default: data/digits.csv.gz next to the program)
      --epochs N    most epochs to train (default 100; training stops when the validation loss has
                    not improved for 8 epochs)
      --curve FILE  write the training curve (loss and accuracy per epoch) as a PNG image
    Exit codes: 0 success, 1 invalid arguments, 2 data missing or malformed.
    """,
    options => DigitsSample.Run(options.DataPath, Console.Out, options.Epochs, options.Display));
