using PetStore.NodeTools;

[assembly: AssemblyFixture(typeof(PetStore.Tenants.Tests.Emulators))]

namespace PetStore.Tenants.Tests;

/// <summary>One dynalite and one cognito-local per test run, on 127.0.0.1.</summary>
public sealed class Emulators : IAsyncLifetime
{
    private Dynalite? _dynalite;
    private CognitoLocal? _cognito;

    public Uri DynamoDb => _dynalite!.Endpoint;
    public Uri Cognito => _cognito!.Endpoint;

    public async ValueTask InitializeAsync()
    {
        var tools = NodeTools.NodeTools.Locate();
        _dynalite = await Dynalite.StartAsync(tools);
        _cognito = await CognitoLocal.StartAsync(tools);
    }

    public async ValueTask DisposeAsync()
    {
        if (_dynalite is not null) await _dynalite.DisposeAsync();
        if (_cognito is not null) await _cognito.DisposeAsync();
    }
}
