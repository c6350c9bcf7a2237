using PetStore.Lambdas.Logging;

namespace PetStore.Testing;

/// <summary>A <see cref="JsonLog"/> whose lines the test can read, written as if by a function with this name and trace header.</summary>
public sealed class RecordingLog
{
    private readonly StringWriter _writer = new();

    public RecordingLog(string functionName = "PetStore-test-Function", string functionVersion = "$LATEST", Func<string?>? traceHeader = null) =>
        Log = new JsonLog(_writer, TimeProvider.System, new LogEnvironment(functionName, functionVersion, traceHeader ?? (() => null)));

    public JsonLog Log { get; }
    public string Text => _writer.ToString();
    public IReadOnlyList<string> Lines => Text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
}
