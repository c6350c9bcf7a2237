namespace PetStore.Local.Tests;

/// <summary>
/// A policy file added to local mode's private cedar/ for one test, in force once local mode says it loaded it, and
/// gone (again announced) when disposed.
/// </summary>
public sealed class ExtraPolicy : IAsyncDisposable
{
    private readonly LocalProcess _local;
    private readonly string _file;

    private ExtraPolicy(LocalProcess local, string file) => (_local, _file) = (local, file);

    /// <summary>Writes <paramref name="text"/> (which holds <c>@id("<paramref name="id"/>")</c>) to cedar/policies/&lt;id&gt;.cedar and waits for the reload.</summary>
    public static async Task<ExtraPolicy> AddAsync(LocalProcess local, string id, string text)
    {
        var file = Path.Combine(local.CedarDirectory!, "policies", $"{id}.cedar");
        var seen = local.Lines.Count;
        await File.WriteAllTextAsync(file, text);
        var loaded = await local.WaitForLineAsync(l => l.StartsWith("Cedar: loaded ") && l.Contains($"{id} (cedar/policies/{id}.cedar:"), TimeSpan.FromSeconds(15), seen);
        Assert.True(loaded is not null, $"local mode did not load {id}: {string.Join(Environment.NewLine, local.Lines.Skip(seen))}");
        return new ExtraPolicy(local, file);
    }

    public async ValueTask DisposeAsync()
    {
        var seen = _local.Lines.Count;
        File.Delete(_file);
        Assert.NotNull(await _local.WaitForLineAsync(l => l.StartsWith("Cedar: loaded ") && !l.Contains(Path.GetFileName(_file)), TimeSpan.FromSeconds(15), seen));
    }
}
