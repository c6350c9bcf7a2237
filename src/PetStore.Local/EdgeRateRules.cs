using Microsoft.AspNetCore.Http;
using PetStore.Configuration;

namespace PetStore.Local;

/// <summary>
/// The edge web ACL's rate-based rules in front of local mode's gateway, sized from <c>perimeter</c> as deployed
/// (EdgeWebAcl): per client IP, per person (the <c>Authorization</c> header) and sign-ins and sign-ups per client IP, evaluated in
/// that order, the first that blocks ending it as WAF's terminating actions do.
/// </summary>
public sealed class EdgeRateRules(PerimeterConfig perimeter, TimeProvider clock, TimeSpan evaluation)
{
    /// <summary>How often an emulated rule checks the rates (AWS: frequently; a rate over the limit is usually caught within 30 s).</summary>
    public static readonly TimeSpan DefaultEvaluation = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    private readonly RateBasedRule _perIp = new("RateLimitPerIp", perimeter.RateLimitPer5Minutes, FiveMinutes, evaluation, clock);
    private readonly RateBasedRule _perPerson = new("RateLimitPerPerson", perimeter.PersonRateLimit.Limit,
        TimeSpan.FromSeconds(perimeter.PersonRateLimit.WindowSeconds), evaluation, clock);
    private readonly RateBasedRule _logins = new("LoginRateLimitPerIp", perimeter.LoginRateLimitPer5Minutes, FiveMinutes, evaluation, clock);

    /// <summary>The rule that blocks the request, or null to let it on to the gateway.</summary>
    public string? Blocking(HttpContext context)
    {
        var ip = context.Connection.RemoteIpAddress?.ToString() ?? "";
        var authorization = context.Request.Headers.Authorization.ToString();
        if (_perIp.Blocks(ip)) return _perIp.Name;
        if (_perPerson.Blocks(authorization.Length == 0 ? null : authorization)) return _perPerson.Name;
        // The scope-down statement: the path, decoded, normalized and lower-cased, starts with /login or is /users.
        var path = System.Text.RegularExpressions.Regex.Replace(context.Request.Path.Value ?? "", "/{2,}", "/").ToLowerInvariant();
        if ((path.StartsWith("/login", StringComparison.Ordinal) || path == "/users") && _logins.Blocks(ip)) return _logins.Name;
        return null;
    }
}
