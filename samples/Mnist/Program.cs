using System;
using NetGen.Samples;
using NetGen.Samples.Mnist;

// Run:  dotnet run --project samples/Mnist -c Release [-- PATH-TO-MNIST]
return SampleHost.Run(args, """
    Trains MnistNet (784 → 128 → 64 → 10, softmax) on the MNIST handwritten digits.

    Usage: Mnist [[--data] DIRECTORY] [--epochs N] [--batch N] [--threads N] [--curve FILE.png]
      DIRECTORY     holds train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and
                    t10k-labels-idx1-ubyte.gz (or the uncompressed files). Default: shared/data/mnist in the current
                    directory, the program's directory or any directory above them (../shared/data/mnist next to
                    the repository).
      --epochs N    most epochs to train (default 10; training stops when the validation loss has not improved for 3)
      --batch N     examples per step (default 64)
      --threads N   most threads per step (default 1); a step is split only when every thread gets at least
                    64 examples, e.g. --batch 256 --threads 2
      --curve FILE  write the training curve (loss and accuracy per epoch) as a PNG image
    Exit codes: 0 success, 1 invalid arguments, 2 data missing or malformed.
    """,
    options => MnistSample.Run(options.DataPath, Console.Out, options.Epochs, options.Display,
        batchSize: options.BatchSize, threads: options.Threads ?? 1),
    acceptsBatchAndThreads: true);
