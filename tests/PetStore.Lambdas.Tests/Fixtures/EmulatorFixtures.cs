using PetStore.NodeTools;

[assembly: AssemblyFixture(typeof(PetStore.Lambdas.Tests.Fixtures.DynaliteFixture))]
[assembly: AssemblyFixture(typeof(PetStore.Lambdas.Tests.Fixtures.CognitoLocalFixture))]

namespace PetStore.Lambdas.Tests.Fixtures;

/// <summary>One dynalite per test run: the DynamoDB wire protocol on 127.0.0.1.</summary>
public sealed class DynaliteFixture : IAsyncLifetime
{
    private Dynalite? _dynalite;

    public Uri Endpoint => _dynalite!.Endpoint;

    /// <summary>dynalite itself, without the transaction front.</summary>
    public Uri DirectEndpoint => _dynalite!.DirectEndpoint;

    public async ValueTask InitializeAsync() => _dynalite = await Dynalite.StartAsync(NodeTools.NodeTools.Locate());

    public async ValueTask DisposeAsync()
    {
        if (_dynalite is not null) await _dynalite.DisposeAsync();
    }
}

/// <summary>One cognito-local per test run.</summary>
public sealed class CognitoLocalFixture : IAsyncLifetime
{
    private CognitoLocal? _cognito;

    public CognitoLocal Cognito => _cognito!;

    public async ValueTask InitializeAsync() => _cognito = await CognitoLocal.StartAsync(NodeTools.NodeTools.Locate());

    public async ValueTask DisposeAsync()
    {
        if (_cognito is not null) await _cognito.DisposeAsync();
    }
}
