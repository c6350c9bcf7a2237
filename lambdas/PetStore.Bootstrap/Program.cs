using PetStore.Lambdas.Runtime;

// Lambda starts this bootstrap once per execution environment and names the function in _HANDLER (the handler the
// function is configured with: the same string the managed runtime would load). SIGTERM at shutdown ends the process.
await LambdaRuntimeClient.FromEnvironment().RunAsync(FunctionEntryPoints.For(Environment.GetEnvironmentVariable("_HANDLER")));
