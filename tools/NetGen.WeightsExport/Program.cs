using System;
using NetGen.WeightsExport;

// NetGen.WeightsExport INPUT.safetensors [-o OUTPUT]: see Cli.Usage.
return Cli.Run(args, Console.Out, Console.Error);
