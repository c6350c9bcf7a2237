using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;

// A stand-in for the managed .NET Lambda runtime's bootstrap, doing what it does: load the function from its folder
// (its own deps.json), create the handler class with its parameterless constructor (the init phase), then serve
// invocations: fetch the next event from the Runtime API (AWS_LAMBDA_RUNTIME_API), call the handler's Stream method,
// post the response back. It exits when the Runtime API has nothing more (an emulated one answers 410 Gone), so a
// cold start is measurable from outside, and the bundle check can send several events to one execution environment.
// Published for linux-arm64 it runs an arm64 bundle under emulation (tests/PetStore.BundleCheck).
// usage: PetStore.ColdStart.Host <function folder> <Assembly::Type::Method>
if (args.Length != 2 || Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API") is not { Length: > 0 } runtimeApi)
{
    Console.Error.WriteLine("usage: AWS_LAMBDA_RUNTIME_API=<host:port> PetStore.ColdStart.Host <function folder> <Assembly::Type::Method>");
    return 2;
}

var started = Stopwatch.GetTimestamp();
using var runtime = new HttpClient { BaseAddress = new Uri($"http://{runtimeApi}/2018-06-01/runtime/"), Timeout = Timeout.InfiniteTimeSpan };
long loaded, initialized;
object instance;
MethodInfo method;
try
{
    var parts = args[1].Split("::");
    var context = new FunctionLoadContext(Path.Combine(Path.GetFullPath(args[0]), parts[0] + ".dll"));
    var assembly = context.LoadFromAssemblyName(new AssemblyName(parts[0]));
    var type = assembly.GetType(parts[1], throwOnError: true)!;
    loaded = Stopwatch.GetTimestamp();
    instance = Activator.CreateInstance(type)!;
    method = type.GetMethod(parts[2], [typeof(Stream)]) ?? throw new MissingMethodException(parts[1], parts[2]);
    initialized = Stopwatch.GetTimestamp();
}
catch (Exception e)
{
    // As the runtime does: the function could not start, and Lambda is told why.
    using var reported = await runtime.PostAsync("init/error", ErrorDocument(e));
    Console.Error.WriteLine($"init failed: {e}");
    return 1;
}

for (var invocation = 1; ; invocation++)
{
    var polled = Stopwatch.GetTimestamp();
    using var next = await runtime.GetAsync("invocation/next");
    if (!next.IsSuccessStatusCode) return 0;
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
        using var response = await runtime.PostAsync($"invocation/{requestId}/error", ErrorDocument(e));
        outcome = "error";
    }
    var answered = Stopwatch.GetTimestamp();

    // The first invocation is the cold start; the benchmark reads this line's phases.
    Console.Error.WriteLine(invocation == 1
        ? $"outcome={outcome} init={Stopwatch.GetElapsedTime(started, initialized).TotalMilliseconds:F1} " +
          $"load={Stopwatch.GetElapsedTime(started, loaded).TotalMilliseconds:F1} construct={Stopwatch.GetElapsedTime(loaded, initialized).TotalMilliseconds:F1} " +
          $"next={Stopwatch.GetElapsedTime(initialized, received).TotalMilliseconds:F1} invoke={Stopwatch.GetElapsedTime(received, answered).TotalMilliseconds:F1} " +
          $"cpu={Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds:F1}"
        : $"invocation={invocation} outcome={outcome} next={Stopwatch.GetElapsedTime(polled, received).TotalMilliseconds:F1} " +
          $"invoke={Stopwatch.GetElapsedTime(received, answered).TotalMilliseconds:F1}");
}

static StringContent ErrorDocument(Exception e)
{
    var error = (e as TargetInvocationException)?.InnerException ?? e;
    var body = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["errorMessage"] = error.Message,
        ["errorType"] = error.GetType().Name,
    });
    return new StringContent(body, Encoding.UTF8, "application/json");
}

/// <summary>Resolves the function's dependencies from its own deps.json, as the runtime does for the function's folder.</summary>
internal sealed class FunctionLoadContext(string mainAssembly) : AssemblyLoadContext("function")
{
    private readonly AssemblyDependencyResolver _resolver = new(mainAssembly);

    protected override Assembly? Load(AssemblyName name) =>
        _resolver.ResolveAssemblyToPath(name) is { } path ? LoadFromAssemblyPath(path) : null;

    protected override IntPtr LoadUnmanagedDll(string name) =>
        _resolver.ResolveUnmanagedDllToPath(name) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
}
