using PetStore.Lambdas.Logging;

namespace PetStore.Testing;

/// <summary>A <see cref="JsonLog"/> whose lines the test can read.</summary>
public sealed class RecordingLog
{
    private readonly StringWriter _writer = new();

    public RecordingLog() => Log = new JsonLog(_writer, TimeProvider.System);

    public JsonLog Log { get; }
    public string Text => _writer.ToString();
    public IReadOnlyList<string> Lines => Text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
}
