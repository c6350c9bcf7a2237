using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;

// A stand-in for the managed .NET Lambda runtime's bootstrap, doing what it does for one invocation:
// load the function from its folder (its own deps.json), create the handler class with its parameterless
// constructor (the init phase), fetch the next event from the Runtime API (AWS_LAMBDA_RUNTIME_API), call the
// handler's Stream method, post the response back. Then exit: a cold start, measurable from outside.
// usage: PetStore.ColdStart.Host <function folder> <Assembly::Type::Method>
if (args.Length != 2 || Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API") is not { Length: > 0 } runtimeApi)
{
    Console.Error.WriteLine("usage: AWS_LAMBDA_RUNTIME_API=<host:port> PetStore.ColdStart.Host <function folder> <Assembly::Type::Method>");
    return 2;
}

var started = Stopwatch.GetTimestamp();
var parts = args[1].Split("::");
var context = new FunctionLoadContext(Path.Combine(Path.GetFullPath(args[0]), parts[0] + ".dll"));
var assembly = context.LoadFromAssemblyName(new AssemblyName(parts[0]));
var type = assembly.GetType(parts[1], throwOnError: true)!;
var loaded = Stopwatch.GetTimestamp();
var instance = Activator.CreateInstance(type)!;
var method = type.GetMethod(parts[2], [typeof(Stream)]) ?? throw new MissingMethodException(parts[1], parts[2]);
var initialized = Stopwatch.GetTimestamp();

using var runtime = new HttpClient { BaseAddress = new Uri($"http://{runtimeApi}/2018-06-01/runtime/") };
using var next = await runtime.GetAsync("invocation/next");
var requestId = next.Headers.GetValues("Lambda-Runtime-Aws-Request-Id").Single();
var input = await next.Content.ReadAsStreamAsync();
var received = Stopwatch.GetTimestamp();

string outcome;
try
{
    var output = await (Task<Stream>)method.Invoke(instance, [input])!;
    using var response = await runtime.PostAsync($"invocation/{requestId}/response", new StreamContent(output));
    outcome = "response";
}
catch (Exception e)
{
    var error = (e as TargetInvocationException)?.InnerException ?? e;
    var body = $$"""{"errorMessage":"{{error.Message.Replace("\"", "'")}}","errorType":"{{error.GetType().Name}}"}""";
    using var response = await runtime.PostAsync($"invocation/{requestId}/error", new StringContent(body, Encoding.UTF8, "application/json"));
    outcome = "error";
}
var answered = Stopwatch.GetTimestamp();

Console.Error.WriteLine($"outcome={outcome} init={Stopwatch.GetElapsedTime(started, initialized).TotalMilliseconds:F1} " +
    $"load={Stopwatch.GetElapsedTime(started, loaded).TotalMilliseconds:F1} construct={Stopwatch.GetElapsedTime(loaded, initialized).TotalMilliseconds:F1} " +
    $"next={Stopwatch.GetElapsedTime(initialized, received).TotalMilliseconds:F1} invoke={Stopwatch.GetElapsedTime(received, answered).TotalMilliseconds:F1} " +
    $"cpu={Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds:F1}");
return 0;

/// <summary>Resolves the function's dependencies from its own deps.json, as the runtime does for the function's folder.</summary>
internal sealed class FunctionLoadContext(string mainAssembly) : AssemblyLoadContext("function")
{
    private readonly AssemblyDependencyResolver _resolver = new(mainAssembly);

    protected override Assembly? Load(AssemblyName name) =>
        _resolver.ResolveAssemblyToPath(name) is { } path ? LoadFromAssemblyPath(path) : null;

    protected override IntPtr LoadUnmanagedDll(string name) =>
        _resolver.ResolveUnmanagedDllToPath(name) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
}
