using System.Globalization;

namespace PetStore.Benchmarks.ColdStart;

/// <summary>The cold-start tables: one per function and core count, then every function side by side with its ratio.</summary>
public static class ColdStartReport
{
    /// <summary>The build every function's baseline is compared with.</summary>
    public const string Optimized = "optimized";

    public static void Write(TextWriter output, int runs, IReadOnlyList<int> cores, IReadOnlyList<ColdStartFunction> functions,
        IReadOnlyList<BuildVariant> builds, IReadOnlyDictionary<(int Cores, string Function, string Build), List<ColdStartSample>> samples)
    {
        foreach (var core in cores)
        {
            foreach (var function in functions)
            {
                output.WriteLine();
                output.WriteLine($"Cold start of {function.Name} ({function.Request}), {runs} fresh processes per build " +
                    $"({System.Runtime.InteropServices.RuntimeInformation.OSArchitecture}, {CoresLabel(core)}, {DateTime.UtcNow:yyyy-MM-dd}):");
                output.WriteLine("| build | cold start median (ms) | p10–p90 (ms) | min–max (ms) | CPU time median (ms) | init median (ms) | first invocation median (ms) |");
                output.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
                foreach (var build in builds.Where(b => samples.ContainsKey((core, function.Name, b.Name))))
                {
                    var list = samples[(core, function.Name, build.Name)];
                    var wall = list.Select(s => s.WallMs).Order().ToList();
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {build.Name} | {Median(wall):F0} | {Percentile(wall, 10):F0}–{Percentile(wall, 90):F0} | {wall[0]:F0}–{wall[^1]:F0} | {Phase(list, s => s.CpuMs)} | {Phase(list, s => s.InitMs)} | {Phase(list, s => s.InvokeMs)} |"));
                }
            }
        }

        output.WriteLine();
        output.WriteLine($"Every function side by side (median cold start, ms; ratio = baseline ÷ {Optimized}, same run):");
        output.WriteLine($"| function | request | cores | {string.Join(" | ", builds.Select(b => b.Name))} | baseline | ratio |");
        output.WriteLine($"| --- | --- | --- | {string.Join(" | ", builds.Select(_ => "---"))} | --- | --- |");
        foreach (var core in cores)
        {
            foreach (var function in functions)
            {
                string MedianOf(string build) => samples.TryGetValue((core, function.Name, build), out var list)
                    ? Median(list.Select(s => s.WallMs)).ToString("F0", CultureInfo.InvariantCulture)
                    : "—";
                var ratio = samples.TryGetValue((core, function.Name, function.Baseline), out var before)
                    && samples.TryGetValue((core, function.Name, Optimized), out var after)
                    ? (Median(before.Select(s => s.WallMs)) / Median(after.Select(s => s.WallMs))).ToString("F2", CultureInfo.InvariantCulture) + "×"
                    : "—";
                output.WriteLine($"| {function.Name} | {function.Request} | {core} | {string.Join(" | ", builds.Select(b => MedianOf(b.Name)))} | {function.Baseline} | {ratio} |");
            }
        }
        output.WriteLine();
        foreach (var build in builds) output.WriteLine($"  {build.Name}: {build.Description}");
    }

    private static string CoresLabel(int cores) => cores == 1 ? "pinned to 1 core" : $"{cores} cores";

    private static string Phase(List<ColdStartSample> samples, Func<ColdStartSample, double?> phase) =>
        samples.Select(phase).OfType<double>().ToList() is { Count: > 0 } values ? Median(values).ToString("F0", CultureInfo.InvariantCulture) : "—";

    internal static double Median(IEnumerable<double> values) => Percentile([.. values.Order()], 50);

    internal static double Percentile(IReadOnlyList<double> sorted, int percentile)
    {
        var rank = percentile / 100.0 * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
