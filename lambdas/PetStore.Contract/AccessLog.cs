using System.Text.RegularExpressions;

namespace PetStore.Contract;

/// <summary>
/// The stage's access log: one JSON object per request, who (with what the policies saw of them, so a request can be
/// decided again: `replay`), what, how it went, what the authorizer decided and why
/// (the policy-set version, the reason, the determining policies: from its answer's context, so answers from API
/// Gateway's cache show them too) and what WAF said. The Api stack deploys <see cref="Format"/>; local mode writes the
/// same lines (<see cref="Render"/>) from the values it knows.
/// </summary>
public static partial class AccessLog
{
    /// <summary>The authorizer answer's context keys for its provenance, as <see cref="Format"/> names them.</summary>
    public const string PolicyVersionKey = "policyVersion", ReasonKey = "reason", PoliciesKey = "policies";

    public const string Format =
        "{\"requestId\":\"$context.requestId\",\"extendedRequestId\":\"$context.extendedRequestId\"," +
        "\"ip\":\"$context.identity.sourceIp\",\"userAgent\":\"$context.identity.userAgent\"," +
        "\"user\":\"$context.authorizer.principalId\",\"provider\":\"$context.authorizer.provider\",\"tenant\":\"$context.authorizer.tenant\",\"apiKeyId\":\"$context.identity.apiKeyId\"," +
        "\"username\":\"$context.authorizer.username\",\"groups\":\"$context.authorizer.groups\",\"kind\":\"$context.authorizer.kind\",\"stores\":\"$context.authorizer.stores\"," +
        "\"requestTime\":\"$context.requestTime\",\"httpMethod\":\"$context.httpMethod\",\"resourcePath\":\"$context.resourcePath\"," +
        "\"path\":\"$context.path\",\"protocol\":\"$context.protocol\",\"status\":$context.status,\"responseLength\":\"$context.responseLength\"," +
        "\"responseLatency\":$context.responseLatency,\"integrationLatency\":\"$context.integrationLatency\"," +
        "\"authorizerStatus\":\"$context.authorizer.status\",\"authorizerLatency\":\"$context.authorizer.latency\",\"authorizerError\":\"$context.authorizer.error\"," +
        "\"policyVersion\":\"$context.authorizer.policyVersion\",\"reason\":\"$context.authorizer.reason\",\"policies\":\"$context.authorizer.policies\"," +
        "\"wafStatus\":\"$context.waf.status\",\"wafLatency\":\"$context.waf.latency\",\"wafResponseCode\":\"$context.wafResponseCode\"," +
        "\"errorType\":\"$context.error.responseType\",\"errorMessage\":\"$context.error.message\"}";

    /// <summary>
    /// The line <see cref="Format"/> makes of these <c>$context</c> values (<c>"authorizer.reason"</c>); a variable
    /// without a value is empty as in a string, <c>-</c> where the format has it bare (a number), as API Gateway writes it.
    /// </summary>
    public static string Render(IReadOnlyDictionary<string, string> values) => Variable().Replace(Format, m =>
    {
        var name = m.Groups["name"].Value;
        var quoted = m.Index > 0 && Format[m.Index - 1] == '"';
        return values.TryGetValue(name, out var value)
            ? quoted ? System.Text.Json.JsonEncodedText.Encode(value, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString() : value
            : quoted ? "" : "-";
    });

    [GeneratedRegex(@"\$context\.(?<name>[A-Za-z.]+[A-Za-z])")]
    private static partial Regex Variable();
}
