namespace PetStore.Lambdas.Runtime;

/// <summary>
/// An invocation's event as bytes, to deserialize synchronously: both runtimes hand a function an event that is
/// already in memory, and reading it through System.Text.Json's stream API instead costs a cold start the JIT
/// compilation of its asynchronous machinery. Answers are likewise written into memory in one go.
/// </summary>
public static class EventPayload
{
    /// <summary>
    /// The rest of <paramref name="input"/>: a memory stream's own buffer, at once; any other stream (a host's request
    /// body, which may forbid synchronous reads) copied asynchronously.
    /// </summary>
    public static ValueTask<ArraySegment<byte>> ReadAsync(Stream input, CancellationToken cancellationToken = default) =>
        input is MemoryStream memory && memory.TryGetBuffer(out var buffer)
            ? ValueTask.FromResult(buffer[(int)memory.Position..])
            : new ValueTask<ArraySegment<byte>>(CopyAsync(input, cancellationToken));

    /// <summary>An event or answer in memory, its buffer readable by <see cref="ReadAsync"/> without a copy.</summary>
    public static MemoryStream InMemory(byte[] json) => new(json, 0, json.Length, writable: false, publiclyVisible: true);

    private static async Task<ArraySegment<byte>> CopyAsync(Stream input, CancellationToken cancellationToken)
    {
        var copy = new MemoryStream();
        await input.CopyToAsync(copy, cancellationToken);
        return new ArraySegment<byte>(copy.GetBuffer(), 0, (int)copy.Length);
    }
}
