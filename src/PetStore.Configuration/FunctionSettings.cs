using System.Globalization;
using PetStore.Contract;

namespace PetStore.Configuration;

/// <summary>
/// The environment variables of a function (<see cref="FunctionDescription.Variables"/>) with their values: those that
/// follow from the configuration are computed here; those that name a deployed resource come from
/// <paramref name="deployed"/>, which the CDK app fills with the resources' tokens and local mode with its stand-ins'.
/// The one place both take a function's settings from, so they cannot differ.
/// </summary>
public static class FunctionSettings
{
    /// <summary>The variables whose values are deployed resources' (ids, names, generated documents), not configuration.</summary>
    public static readonly IReadOnlyList<string> FromDeployment =
    [
        FunctionVariables.UserPoolId, FunctionVariables.UserPoolClientId, FunctionVariables.TrustedIssuers, FunctionVariables.PetsTableName,
        FunctionVariables.OrdersTableName, FunctionVariables.OrdersListPlan, FunctionVariables.PolicyVersion,
        FunctionVariables.TenantsTableName, FunctionVariables.PolicyStoreId, FunctionVariables.PolicyScopes,
    ];

    public static IReadOnlyDictionary<string, string> For(FunctionDescription function, DeploymentConfig config, IReadOnlyDictionary<string, string> deployed) =>
        function.Variables.ToDictionary(v => v, v => Value(function, v, config, deployed), StringComparer.Ordinal);

    private static string Value(FunctionDescription function, string variable, DeploymentConfig config, IReadOnlyDictionary<string, string> deployed) => variable switch
    {
        FunctionVariables.SignUpConfirmation => config.SignUpConfirmation.ToString(),
        FunctionVariables.AvpTimeoutMs => config.Authorization.AvpTimeoutMs.ToString(CultureInfo.InvariantCulture),
        FunctionVariables.TenantCacheSeconds => config.Authorization.TenantCacheSeconds.ToString(CultureInfo.InvariantCulture),
        FunctionVariables.InteractiveApiKey => UsagePlanNames.InteractiveKeyValue(config.Name),
        FunctionVariables.InteractiveKeyCount => config.UsagePlans.InteractiveKeys.ToString(CultureInfo.InvariantCulture),
        FunctionVariables.Stores => Stores.ToJson(config.StoreList),
        _ when FromDeployment.Contains(variable) => deployed.TryGetValue(variable, out var value) ? value
            : throw new InvalidOperationException($"The {function} function reads {variable}, but the deployment gave it no value."),
        _ => throw new InvalidOperationException($"The {function} function reads {variable}: say in FunctionSettings where its value comes from."),
    };
}
