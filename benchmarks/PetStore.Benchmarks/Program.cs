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
        // The generated benchmark project builds the CDK app too (the cost model reads its configuration loader):
        // more than BenchmarkDotNet's default two minutes on a busy 2-core machine.
        var config = DefaultConfig.Instance.AddColumn(new PercentileColumn(50), new PercentileColumn(99))
            .WithBuildTimeout(TimeSpan.FromMinutes(10));
        BenchmarkRunner.Run([typeof(AuthorizerWarmBenchmarks), typeof(FunctionWarmBenchmarks)], config, args[1..]);
        return 0;
    case "cold":
        return await ColdStartRunner.RunAsync(
            runs: args.Length > 1 && int.TryParse(args[1], out var runs) ? runs : 15,
            cores: args.Contains("--one-core") ? [1]
                : Options("--cores") is { Count: > 0 } counts ? [.. counts.SelectMany(c => c.Split(',')).Select(int.Parse).Distinct()]
                : [1, Environment.ProcessorCount],
            root, Console.Out,
            onlyBuilds: Options("--only"),
            onlyFunctions: Options("--function"),
            alsoRefs: Options("--also"),
            jitReport: args.Contains("--jit-report"));
    case "cost":
        return CostModel.Run(root, Console.Out, check: args.Contains("--check"),
            environment: Options("--env").LastOrDefault() ?? CostModel.DefaultEnvironment);
    default:
        Console.Error.WriteLine("usage: dotnet run -c Release --project benchmarks/PetStore.Benchmarks -- warm | cold [runs] [--cores 1,2 | --one-core] [--only <build>]... [--function <name>]... [--also <git ref>]... [--jit-report] | cost [--check] [--env <name>]");
        return 2;
}

// Every value given after a repeatable option, e.g. --only a --only b.
List<string> Options(string name) => [.. args.Select((a, i) => (a, i)).Where(p => p.a == name && p.i + 1 < args.Length).Select(p => args[p.i + 1])];
