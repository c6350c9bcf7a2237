using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using PetStore.Configuration;
using PetStore.Benchmarks.ColdStart;
using PetStore.Benchmarks.Cost;
using PetStore.Benchmarks.Warm;

var command = args.FirstOrDefault();
var root = RepositoryLayout.Find().Root;
switch (command)
{
    case "warm":
        var config = DefaultConfig.Instance.AddColumn(new PercentileColumn(50), new PercentileColumn(99));
        BenchmarkRunner.Run<AuthorizerWarmBenchmarks>(config, args[1..]);
        return 0;
    case "cold":
        return await ColdStartRunner.RunAsync(
            runs: args.Length > 1 && int.TryParse(args[1], out var runs) ? runs : 15,
            cores: args.Contains("--one-core") ? 1 : Environment.ProcessorCount,
            root, Console.Out,
            only: [.. args.Select((a, i) => (a, i)).Where(p => p.a == "--only" && p.i + 1 < args.Length).Select(p => args[p.i + 1])]);
    case "cost":
        return CostModel.Run(root, Console.Out, check: args.Contains("--check"));
    default:
        Console.Error.WriteLine("usage: dotnet run -c Release --project benchmarks/PetStore.Benchmarks -- warm | cold [runs] [--one-core] [--only <variant>]... | cost [--check]");
        return 2;
}
