namespace PetStore.Lambdas.Logging;

/// <summary>
/// What a log line says about where it was written: the function's name and version, and the current X-Ray trace
/// header. Lambda sets all three as environment variables; the trace header changes with each invocation (the managed
/// runtime sets it, and so does our custom runtime's <see cref="Runtime.LambdaRuntimeClient"/>).
/// </summary>
public sealed record LogEnvironment(string? FunctionName, string? FunctionVersion, Func<string?> TraceHeader)
{
    public const string FunctionNameVariable = "AWS_LAMBDA_FUNCTION_NAME";
    public const string FunctionVersionVariable = "AWS_LAMBDA_FUNCTION_VERSION";
    public const string TraceHeaderVariable = "_X_AMZN_TRACE_ID";

    public static LogEnvironment FromProcess() => new(
        Environment.GetEnvironmentVariable(FunctionNameVariable),
        Environment.GetEnvironmentVariable(FunctionVersionVariable),
        () => Environment.GetEnvironmentVariable(TraceHeaderVariable));
}
