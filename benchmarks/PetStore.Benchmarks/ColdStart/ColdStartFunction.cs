namespace PetStore.Benchmarks.ColdStart;

/// <summary>
/// A function whose cold start is measured: the handler it is deployed with, the one event each fresh process
/// answers, the environment it gets (pointing at its stand-in downstream, already running), and what a right answer
/// is. Every answer is checked, so a build that starts fast by failing does not count.
/// </summary>
public abstract class ColdStartFunction : IAsyncDisposable
{
    /// <summary>Short name: <c>authorizer</c>, <c>pets</c>, <c>users</c>, <c>admin</c>, <c>token-scopes</c>.</summary>
    public abstract string Name { get; }

    /// <summary>What the function answers: the route or request, for the report.</summary>
    public abstract string Request { get; }

    /// <summary>The <see cref="FunctionHandlers"/> string: the managed runtime loads it, the custom runtime gets it in <c>_HANDLER</c>.</summary>
    public abstract string Handler { get; }

    /// <summary>The build this function's optimized build is compared with.</summary>
    public abstract string Baseline { get; }

    public abstract byte[] Event { get; }

    public abstract IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>Why the answer is wrong, or null when it is right.</summary>
    public abstract string? Problem(string kind, string body);

    /// <summary>What the downstream saw over the whole run (e.g. that every call was signed), checked at the end.</summary>
    public virtual string Verify() => "";

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
