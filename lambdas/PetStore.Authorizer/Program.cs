using PetStore.Lambdas.Authorizer;
using PetStore.Lambdas.Runtime;

// Lambda starts this bootstrap once per execution environment; SIGTERM at shutdown ends the process.
await LambdaRuntimeClient.FromEnvironment().RunAsync(() => new AuthorizerFunction().HandleAsync);
