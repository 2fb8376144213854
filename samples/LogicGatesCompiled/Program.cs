using System;
using NetGen.Samples.LogicGatesCompiled;

// Prints the AND, OR and XNOR truth tables computed by networks whose weights are compiled into this program, and
// exits with 1 unless every row is exact. Run it:
//   dotnet run --project samples/LogicGatesCompiled -c Release
// or publish it with Native AOT and run the binary alone (it reads no file):
//   dotnet publish samples/LogicGatesCompiled -c Release -r linux-x64 -o out/gates && ./out/gates/LogicGatesCompiled
return CompiledGates.Run(Console.Out) ? 0 : 1;
