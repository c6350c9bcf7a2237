namespace PetStore.Lambdas.Runtime;

/// <summary>
/// An invocation's event as bytes, to deserialize synchronously: both runtimes hand a function an event that is
/// already in memory, and reading it through System.Text.Json's stream API instead costs a cold start the JIT
/// compilation of its asynchronous machinery. Answers are likewise written into memory in one go.
/// </summary>
public static class EventPayload
{
    /// <summary>The rest of <paramref name="input"/>: its own buffer when it is a memory stream, else a copy.</summary>
    public static ArraySegment<byte> Read(Stream input)
    {
        if (input is MemoryStream memory && memory.TryGetBuffer(out var buffer))
            return buffer[(int)memory.Position..];
        var copy = new MemoryStream();
        input.CopyTo(copy);
        return new ArraySegment<byte>(copy.GetBuffer(), 0, (int)copy.Length);
    }

    /// <summary>An answer for the runtime to send.</summary>
    public static Stream Answer(byte[] json) => new MemoryStream(json, writable: false);
}
