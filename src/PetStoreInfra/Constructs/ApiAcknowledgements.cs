using PetStore.Contract;
using PetStoreInfra.Compliance;

namespace PetStoreInfra.Constructs;

/// <summary>
/// What cdk-nag reports on the REST API by design, accepted from the route table rather than method by method:
/// public routes have no authorizer (APIG4, COG4), signed-in and policy routes use a Lambda REQUEST authorizer rather
/// than a Cognito user pool authorizer (COG4). Our own <see cref="CompliancePack.RouteAuthorization"/> rule checks that each
/// method has exactly the authorization its route's access level says, so these acceptances cannot hide a mistake.
/// </summary>
public static class ApiAcknowledgements
{
    public static void Apply(PetStoreRestApi api)
    {
        foreach (var method in api.Api.Methods)
        {
            var route = RouteTable.All.FirstOrDefault(r => r.Path == method.Resource.Path && r.Method == method.HttpMethod);
            switch (route?.Access)
            {
                case Access.Public:
                    var why = route.Backend == Backend.Mock
                        ? "it is the static welcome message (a mock integration that reads nothing)"
                        : "callers use it to register or sign in, before they have a token";
                    var reason = $"The route table declares {route} public: {why}. {CompliancePack.RouteAuthorization} checks that only public routes have no authorizer.";
                    Suppressions.Add(method, "AwsSolutions-APIG4", reason);
                    Suppressions.Add(method, "AwsSolutions-COG4", reason);
                    break;
                case Access.Policy:
                    Suppressions.Add(method, "AwsSolutions-COG4",
                        $"{route} is decided by Cedar policies: the Lambda REQUEST authorizer validates the access token itself " +
                        "(signature, issuer, client or audience, expiry, scope) and asks Verified Permissions, which a Cognito user pool authorizer cannot do.");
                    break;
                case Access.SignedIn or Access.Resource:
                    Suppressions.Add(method, "AwsSolutions-COG4",
                        $"{route} takes tokens from every configured issuer (Cognito pools and OIDC providers) and is metered per tenant: " +
                        "the Lambda REQUEST authorizer validates the token as strictly as the Cognito authorizer and returns the caller's API key" +
                        (route.Access == Access.Resource ? " and the principal the function decides with (it asks Verified Permissions on the resource it loads)" : "") +
                        ", which a Cognito user pool authorizer can do for neither.");
                    break;
            }
        }

        Suppressions.Add(api.Api.DeploymentStage, "Serverless-APIGWStructuredLogging",
            "The access log format is one JSON object per request; status and responseLatency are written unquoted so they log as " +
            "numbers (the throttling metric filter compares $.status numerically), which cdk-nag's check, parsing the template's " +
            "format string, cannot read as JSON.");
    }
}
