using PetStore.Contract;

namespace PetStore.Lambdas.Tests.Contract;

/// <summary>
/// The deny reasons reach clients through the ACCESS_DENIED template <c>{"message":"$context.authorizer.message"}</c>,
/// which inserts them unescaped: none may hold what would break the JSON or the template.
/// </summary>
public class GatewayMessagesTests
{
    public static TheoryData<string> DenyReasons => new(
    [
        GatewayMessages.ExplicitDeny,
        GatewayMessages.UnknownTenant,
        GatewayMessages.SuspendedTenant("acme-corp-2"),
        .. RouteTable.All.SelectMany(r => r.PathParameters).Distinct().Select(GatewayMessages.UnreadableParameter),
    ]);

    [Theory]
    [MemberData(nameof(DenyReasons))]
    public void A_deny_reason_needs_no_escaping_in_the_gateway_template(string reason)
    {
        Assert.DoesNotContain(reason, c => c is '"' or '\'' or '\\' or '$' or '#' || char.IsControl(c));
        Assert.False(string.IsNullOrWhiteSpace(reason));
    }
}
